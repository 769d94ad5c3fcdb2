/**
 * The command line: {@code init}, {@code config}, {@code chat}, {@code serve}, users, tokens, login links.
 */
package io.switchboard.cli;
