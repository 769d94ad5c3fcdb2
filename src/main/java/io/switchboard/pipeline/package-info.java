/**
 * The pipeline's stages that are not a capability of their own: the conversation, respond rules, dedupe, reply timing
 * and composition, failure replies.
 */
package io.switchboard.pipeline;
