/**
 * Agents as first-class objects: the registry of configured agents (who answers, with which model, prompt and
 * parameters, and who may use them), a conversation's choice of agent and its own parameters, and the commands that
 * show and change them ({@code /agent}, {@code /set}).
 */
package io.switchboard.agent;
