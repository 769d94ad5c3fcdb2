/**
 * Bots: their configuration validated against the adapter manifests, the routes made from templates per bot, per-bot
 * state, access tokens, and the WebSockets of stream and socket modes.
 */
package io.switchboard.bot;
