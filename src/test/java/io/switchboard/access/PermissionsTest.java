package io.switchboard.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PermissionsTest {

  final LocalDate today = LocalDate.of(2026, 11, 22);

  @Test
  void aSceneGrantCoversAllItsCommandsAndACommandGrantOnlyThatOne() {
    Permissions.Grant scene = new Permissions.Grant(1, "telegram:42", "ops", null, null, "telegram:1");
    Permissions.Grant command = new Permissions.Grant(2, "telegram:42", "ops", "uptime", null, "telegram:1");
    assertThat(scene.covers("ops", "uptime")).isTrue();
    assertThat(scene.covers("ops", "restart")).isTrue();
    assertThat(scene.covers("billing", "uptime")).isFalse();
    assertThat(command.covers("ops", "uptime")).isTrue();
    assertThat(command.covers("ops", "restart")).isFalse();
  }

  @Test
  void aGrantIsValidThroughItsExpiryDateAndIgnoredAfter() {
    assertThat(new Permissions.Grant(1, "u", "ops", null, null, "a").validOn(today)).isTrue();
    assertThat(new Permissions.Grant(1, "u", "ops", null, today, "a").validOn(today)).isTrue();
    assertThat(new Permissions.Grant(1, "u", "ops", null, today.minusDays(1), "a").validOn(today)).isFalse();
  }
}
