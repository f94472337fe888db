/**
 * Text that must fit where it goes: lists cut to their first items with "… and N more", and texts cut to what a
 * String process variable (4,000 characters) or a database column holds. Plain Java at the bottom of the package
 * graph, so the services and the process steps share one way of shortening.
 */
package io.mailferry.text;
