/**
 * DingTalk: the outgoing-robot callback and Stream mode in, the robot API out (its route templates, manifest and
 * README are in {@code adapters/dingtalk/}).
 */
package io.switchboard.adapter.dingtalk;
