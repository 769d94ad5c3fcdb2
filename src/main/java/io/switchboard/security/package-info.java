/**
 * Who is calling: the filter chains of the main and management ports, bearer keys, operator credentials, login links,
 * request size limits.
 */
package io.switchboard.security;
