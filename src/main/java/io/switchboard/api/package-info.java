/**
 * The session API ({@code /api/v1/sessions}) and the JSON errors every API answers with.
 */
package io.switchboard.api;
