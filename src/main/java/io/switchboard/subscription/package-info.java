/**
 * Subscriptions: RSS/Atom and topics, the feed poller, the fan-out router, notifications.
 */
package io.switchboard.subscription;
