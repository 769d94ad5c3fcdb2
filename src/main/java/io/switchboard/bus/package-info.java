/**
 * The RabbitMQ topology, manual acks after durable effects, per-conversation ordering, sharding and the publisher
 * identity.
 */
package io.switchboard.bus;
