/**
 * The guarded outbound client: every URL a user or a model steers is refused loopback, private and metadata
 * addresses.
 */
package io.switchboard.outbound;
