/**
 * The rate limit per conversation and the daily quota, over counters shared by all instances.
 */
package io.switchboard.limits;
