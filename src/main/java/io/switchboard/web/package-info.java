/**
 * The web chat's WebSocket.
 */
package io.switchboard.web;
