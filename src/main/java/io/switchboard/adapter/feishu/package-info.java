/**
 * Feishu / Lark: the v2 event subscription in (decrypted, verified), message replies out ({@code adapters/feishu/}).
 */
package io.switchboard.adapter.feishu;
