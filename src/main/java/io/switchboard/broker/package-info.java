/**
 * The broker connection: RabbitMQ from a URL, or the embedded Qpid Broker-J by default.
 */
package io.switchboard.broker;
