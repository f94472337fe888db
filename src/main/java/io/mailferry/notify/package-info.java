/**
 * Tells users and operators what the migration does to them, by e-mail over SMTP: the notice before the move,
 * the welcome after it, and reminders and escalations for operators.
 */
package io.mailferry.notify;
