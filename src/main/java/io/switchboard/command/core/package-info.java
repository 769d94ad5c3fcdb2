/**
 * The scene every conversation has ({@code help}, {@code whoami}, {@code chat_id}, {@code reset}, {@code usage}),
 * built on the command framework like any other scene; apart from it because it reads the limits and the store.
 */
package io.switchboard.command.core;
