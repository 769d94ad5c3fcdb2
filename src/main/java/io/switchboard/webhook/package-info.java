/**
 * What every webhook shares: signature checks, responses, passive replies.
 */
package io.switchboard.webhook;
