/**
 * How the built-in channels (API, web chat, terminal) publish to the bus and get their replies back on this instance.
 */
package io.switchboard.channel;
