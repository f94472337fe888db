/**
 * Mailferry's command line: {@code java -jar mailferry.jar dns …}, {@code csv …}, {@code sync …},
 * {@code secrets rotate-key …}. Runs without Spring or a web server, so it starts fast and can be used on an
 * admin's laptop or in a script; services are built directly from the options. Only {@code secrets} and
 * {@code dns rollback} open the application's database, over plain JDBC. Exit codes: 0 done/agrees, 1 refused or
 * disagrees (the reason is printed), 2 wrong usage or unreadable input.
 */
package io.mailferry.cli;
