/**
 * Dead letters: stored with their reason, listed and replayed (once) through the API and Hawtio.
 */
package io.switchboard.deadletter;
