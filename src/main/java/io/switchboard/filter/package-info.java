/**
 * The content filter on input and output: words masked, or the message blocked.
 */
package io.switchboard.filter;
