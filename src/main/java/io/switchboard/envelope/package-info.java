/**
 * The event: a CloudEvent with Switchboard's data, its codec and schema.
 */
package io.switchboard.envelope;
