/**
 * The generic HTTP bot: signed webhook requests in, signed callbacks out ({@code adapters/http/}).
 */
package io.switchboard.adapter.http;
