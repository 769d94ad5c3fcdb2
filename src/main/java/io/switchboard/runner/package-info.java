/**
 * Runners: the {@link io.switchboard.runner.Runner} interface behind each runner route, the llm runner, users' own
 * endpoints.
 */
package io.switchboard.runner;
