package io.switchboard.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.testing.RealInfrastructure;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The agents' call cache on PostgreSQL, as two instances share it: each with its own connection pool to the same
 * database. A hit stored by one is found by the other; entries expire and are held to the agent's maximum.
 */
class CallCacheTest {

  static String db;
  static CallCache one;
  static CallCache two;

  @BeforeAll
  static void twoInstancesOneDatabase() throws Exception {
    db = RealInfrastructure.freshSchema();
    Flyway.configure().dataSource(source()).load().migrate();
    one = new CallCache(JdbcClient.create(source()), new SimpleMeterRegistry());
    two = new CallCache(JdbcClient.create(source()), new SimpleMeterRegistry());
  }

  @AfterAll
  static void drop() throws Exception {
    RealInfrastructure.dropSchema(db);
  }

  static DriverManagerDataSource source() {
    return new DriverManagerDataSource(db, RealInfrastructure.POSTGRES_USER, "");
  }

  static Agent agent(String name, Duration ttl, int entries) {
    return new Agent(name, null, "llm", new Agent.Endpoint(null, null, "m"), List.of(), null, 0.0, 5, List.of(), List.of(), ttl, entries, null, null, List.of(), List.of());
  }

  @Test
  void anAnswerStoredByOneInstanceIsReusedByAnotherForTheSameRequestOnly() {
    Agent faq = agent("faq", Duration.ofHours(1), 100);
    String key = CallCache.key(faq, List.of("shared/m"), List.of("system: FAQ", "user: opening hours?"));
    assertThat(one.find(faq, key)).isEmpty();
    one.store(faq, key, "9 to 5", "m");
    assertThat(two.find(faq, key)).contains(new CallCache.Hit("9 to 5", "m"));
    // anything the model would see differently is another request
    assertThat(CallCache.key(faq, List.of("shared/m"), List.of("system: FAQ", "user: opening hours?!"))).isNotEqualTo(key);
    assertThat(CallCache.key(faq, List.of("shared/other"), List.of("system: FAQ", "user: opening hours?"))).isNotEqualTo(key);
    assertThat(CallCache.key(agent("faq2", Duration.ofHours(1), 100), List.of("shared/m"), List.of("system: FAQ", "user: opening hours?")))
        .isNotEqualTo(key);
    assertThat(CallCache.key(faq, List.of("shared/m"), List.of("system: FAQ\nuser: opening hours?"))).as("parts cannot run into each other")
        .isNotEqualTo(key);
  }

  @Test
  void anAnswerIsReusedOnlyForItsTimeToLive() {
    Agent brief = agent("brief", Duration.ofMillis(200), 100);
    String key = CallCache.key(brief, List.of("shared/m"), List.of("user: now?"));
    one.store(brief, key, "soon", "m");
    await().atMost(Duration.ofSeconds(5)).until(() -> two.find(brief, key).isEmpty());
  }

  @Test
  void anAgentKeepsAtMostItsMaximumTheNewestFirst() {
    Agent small = agent("small", Duration.ofHours(1), 2);
    List<String> keys = List.of("a", "b", "c").stream().map(q -> CallCache.key(small, List.of("shared/m"), List.of("user: " + q))).toList();
    for (String key : keys) {
      one.store(small, key, "answer", "m");
    }
    assertThat(two.find(small, keys.get(0))).isEmpty();
    assertThat(two.find(small, keys.get(1))).isPresent();
    assertThat(two.find(small, keys.get(2))).isPresent();
  }
}
