/**
 * Runners: the {@link io.switchboard.runner.Runner} interface behind each runner route, the llm runner, the runners that
 * ask agent services elsewhere (webhook, n8n, Dify, Coze) and the conversations those keep, users' own endpoints.
 */
package io.switchboard.runner;
