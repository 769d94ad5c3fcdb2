/**
 * The store: sessions, messages and token usage, on H2 or PostgreSQL (Flyway).
 */
package io.switchboard.store;
