/**
 * The code sandbox: profiles ({@code switchboard.sandbox.profiles.<name>}), the hard limits every run is held to, and
 * the Docker runner that enforces them (a throw-away container per run, always removed).
 */
package io.switchboard.sandbox;
