/**
 * Who may do what: the operators' group and its Camunda authorizations, set at start-up in every profile, and the
 * sign-in throttle that every password check of the engine goes through (temporary, per user and source address,
 * shared by the nodes of a cluster) instead of Camunda's permanent lockout. The web layer checks the same groups for
 * Mailferry's own {@code /api}.
 */
package io.mailferry.access;
