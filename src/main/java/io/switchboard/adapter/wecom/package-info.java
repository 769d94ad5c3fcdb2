/**
 * WeCom: the encrypted callback in (and passive replies), message/send out ({@code adapters/wecom/}).
 */
package io.switchboard.adapter.wecom;
