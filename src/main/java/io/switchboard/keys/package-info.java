/**
 * Users' own model API keys: encrypted at rest, masked in the history, never logged.
 */
package io.switchboard.keys;
