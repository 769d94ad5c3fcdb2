/**
 * External producers: token-authenticated CloudEvents ({@code POST /api/v1/events}) within their scopes.
 */
package io.switchboard.producer;
