/**
 * Group events (a member joined or left, the bot was added or removed): the pipeline hands each to the operator's
 * route for its type, and says in the group what that route answers.
 */
package io.switchboard.group;
