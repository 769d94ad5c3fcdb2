/**
 * API users and their keys.
 */
package io.switchboard.user;
