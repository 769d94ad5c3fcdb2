package io.switchboard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.SwitchboardProperties;
import java.time.Duration;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The idempotency claim, on the real schema (H2 in memory, migrated by Flyway). */
class ProcessedEventsTest {

  JdbcClient jdbc;

  @BeforeEach
  void database() {
    var dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    Flyway.configure().dataSource(dataSource).load().migrate();
    jdbc = JdbcClient.create(dataSource);
  }

  ProcessedEvents repository(String instance) {
    var pipeline = new SwitchboardProperties.Pipeline(4, 10, 2, Duration.ofSeconds(1));
    return new ProcessedEvents(jdbc, new SwitchboardProperties(null, null, instance, null, null, null, pipeline, null, null));
  }

  @Test
  void anEventIsClaimedOnceAndReleasedOnFailure() {
    ProcessedEvents events = repository("i1");
    assertThat(events.add("/telegram/tg1|42")).isTrue();
    assertThat(events.add("/telegram/tg1|42")).isFalse();

    assertThat(events.remove("/telegram/tg1|42")).isTrue();
    assertThat(events.add("/telegram/tg1|42")).isTrue();
  }

  @Test
  void aConfirmedEventStaysProcessed() {
    ProcessedEvents events = repository("i1");
    events.add("k");
    assertThat(events.confirm("k")).isTrue();
    assertThat(events.remove("k")).isFalse();
    assertThat(events.add("k")).isFalse();
    assertThat(events.contains("k")).isTrue();

    events.forget("k");
    assertThat(events.contains("k")).isFalse();
  }

  @Test
  void aClaimLeftByAnotherInstanceIsTakenOverButADoneEventStaysDone() {
    repository("dead").add("k");
    assertThat(repository("alive").add("k")).isTrue();
    assertThat(repository("alive").add("k")).isFalse();
    repository("alive").confirm("k");
    assertThat(repository("third").add("k")).isFalse();
  }

  @Test
  void doneEventsAreForgottenAfterTheRetentionButClaimsAreKept() {
    ProcessedEvents events = repository("i1");
    events.add("done");
    events.confirm("done");
    events.add("in-flight");
    assertThat(events.purgeDoneBefore(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusHours(1))).isZero();
    assertThat(events.purgeDoneBefore(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(1))).isEqualTo(1);
    assertThat(events.contains("done")).isFalse();
    assertThat(events.contains("in-flight")).isTrue();
    assertThat(events.purgeExpired("7d")).isZero();
  }

  @Test
  void theRetentionRouteCallsThePurgeWithTheConfiguredRetention() throws Exception {
    ProcessedEvents events = repository("i1");
    events.add("old");
    events.confirm("old");
    try (var camel = new org.apache.camel.impl.DefaultCamelContext()) {
      camel.getRegistry().bind("processedEvents", events);
      camel.start();
      // the same method expression as routes/maintenance.camel.yaml, with the retention as a literal
      Object purged = camel.createProducerTemplate().requestBody("bean:processedEvents?method=purgeExpired('0s')", "");
      assertThat(purged).isEqualTo(1);
    }
  }

  @Test
  void longKeysAreHashedToAFixedWidth() {
    String url = "/rss/feed|https://example.org/" + "x".repeat(500);
    assertThat(ProcessedEvents.hash(url)).hasSize(64);
    assertThat(repository("i1").add(url)).isTrue();
  }
}
