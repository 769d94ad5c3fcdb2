package io.switchboard.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.config.SwitchboardProperties;
import io.switchboard.config.SwitchboardProperties.Bot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bots are checked against their adapter's manifest at start-up, and fail with the bot and the field named. */
class BotsTest {

  final AdapterManifests manifests = new AdapterManifests();

  Bots bots(Bot... bots) {
    return new Bots(new SwitchboardProperties(null, null, "i", null, null, null, null, null, List.of(bots)), manifests);
  }

  @Test
  void theHttpManifestIsPackaged() {
    AdapterManifest http = manifests.find("http").orElseThrow();
    assertThat(http.modes()).containsExactly("webhook");
    assertThat(http.fields()).extracting(AdapterManifest.Field::name).contains("secret", "callback-url");
    assertThat(http.fields()).filteredOn(AdapterManifest.Field::secret).extracting(AdapterManifest.Field::name).containsExactly("secret");
  }

  @Test
  void aValidBotGetsItsDefaultsAndHidesItsSecrets() {
    Bots valid = bots(new Bot("ops", "http", null, Map.of("secret", "0123456789abcdef", "callback-url", "https://ops.example.org/hook"), null));
    Bots.ConfiguredBot ops = valid.get("ops");
    assertThat(ops.mode()).isEqualTo("webhook");
    assertThat(ops.integer("max-per-second")).isEqualTo(10);
    assertThat(ops.publicConfig()).containsEntry("callback-url", "https://ops.example.org/hook").doesNotContainKey("secret");
  }

  @Test
  void problemsNameTheBotAndTheField() {
    assertThatThrownBy(() -> bots(new Bot("ops", "http", null, Map.of("secret", "0123456789abcdef"), null)))
        .hasMessageContaining("bot 'ops': field 'callback-url' is required");
    assertThatThrownBy(() -> bots(new Bot("ops", "http", null, Map.of("secret", "s", "callback-url", "ftp://x"), null)))
        .hasMessageContaining("bot 'ops': field 'callback-url' must be an http(s) URL");
    assertThatThrownBy(() -> bots(new Bot("ops", "http", null, Map.of("secret", "s", "callback-url", "http://x", "max-per-second", "many"), null)))
        .hasMessageContaining("field 'max-per-second' must be a whole number");
    assertThatThrownBy(() -> bots(new Bot("ops", "http", null, Map.of("secret", "s", "callback-url", "http://x", "token", "t"), null)))
        .hasMessageContaining("unknown field 'token'");
    assertThatThrownBy(() -> bots(new Bot("ops", "fax", null, Map.of(), null))).hasMessageContaining("adapter 'fax' is not one of [dingtalk, feishu, http, slack, telegram, wecom]");
    assertThatThrownBy(() -> bots(new Bot("ops", "http", "polling", Map.of("secret", "s", "callback-url", "http://x"), null)))
        .hasMessageContaining("mode 'polling' is not one of [webhook]");
    assertThatThrownBy(() -> bots(new Bot("Ops!", "http", null, Map.of("secret", "s", "callback-url", "http://x"), null)))
        .hasMessageContaining("bot 'Ops!': id must be");
    assertThatThrownBy(() -> bots(new Bot("tg", "telegram", "webhook", Map.of("token", "1:a"), null)))
        .hasMessageContaining("bot 'tg': field 'webhook-url' is required in webhook mode")
        .hasMessageContaining("bot 'tg': field 'webhook-secret' is required in webhook mode");
    assertThatThrownBy(() -> bots(new Bot("tg", "telegram", "webhook", Map.of("token", "1:a", "webhook-url", "https://x/w", "webhook-secret", "no spaces!"), null)))
        .hasMessageContaining("field 'webhook-secret' must match");
    assertThat(bots(new Bot("tg", "telegram", "polling", Map.of("token", "1:a"), null)).get("tg").get("api-base-url")).isEqualTo("https://api.telegram.org");
    Bot same = new Bot("ops", "http", null, Map.of("secret", "s", "callback-url", "http://x"), null);
    assertThatThrownBy(() -> bots(same, same)).hasMessageContaining("the id is used twice");
  }
}
