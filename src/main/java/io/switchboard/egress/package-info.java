/**
 * Outbound delivery: the platform-independent sink steps and the {@link io.switchboard.egress.PlatformSender} seam
 * each adapter implements.
 */
package io.switchboard.egress;
