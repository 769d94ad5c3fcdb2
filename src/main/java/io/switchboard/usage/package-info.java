/**
 * The token usage API.
 */
package io.switchboard.usage;
