/**
 * Chains over the bus: the stored steps and calls of a tool-calling chain, the tool route's step, human
 * confirmation, and the commands that show them ({@code /tools}, {@code /confirm}, {@code /cancel}, {@code /pending}).
 */
package io.switchboard.chain;
