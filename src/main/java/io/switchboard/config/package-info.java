/**
 * Configuration: {@code switchboard.yaml}, the environment, derived defaults, secret files.
 */
package io.switchboard.config;
