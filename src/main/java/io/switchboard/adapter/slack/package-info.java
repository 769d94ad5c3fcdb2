/**
 * Slack: the Events API and Socket Mode in, chat.postMessage out ({@code adapters/slack/}).
 */
package io.switchboard.adapter.slack;
