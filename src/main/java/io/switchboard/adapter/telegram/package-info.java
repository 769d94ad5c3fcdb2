/**
 * Telegram: getUpdates polling or a webhook in, the Bot API out ({@code adapters/telegram/}).
 */
package io.switchboard.adapter.telegram;
