package io.switchboard.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.command.SceneDefinition.CommandDefinition;
import io.switchboard.envelope.ConversationKey;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import io.switchboard.kernel.Turn;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Help pages from the registrations, in the user's language where the bundle describes a scene or command. */
class HelpTextTest {

  final ResourceBundleMessageSource bundle = new ResourceBundleMessageSource();
  final SceneDefinition key = new SceneDefinition("key", "your own model API key", false, false, "java", new TreeMap<>(Map.of(
      "set", new CommandDefinition("set", "use your own API key", "<apiKey>", 1, 3, false, c -> null))));
  final SceneDefinition ops = new SceneDefinition("ops", "operations", true, false, "yaml", new TreeMap<>(Map.of(
      "uptime", new CommandDefinition("uptime", "whether it is up", "", 0, -1, false, c -> null))));

  HelpTextTest() {
    bundle.setBasename("i18n/messages");
    bundle.setDefaultEncoding("UTF-8");
    bundle.setFallbackToSystemLocale(false);
  }

  HelpText help(String locale) {
    Envelope event = Envelopes.received(new ConversationKey("telegram", "tg", "1"), "private", new Envelope.Sender("1", null), "/help",
        Map.of("locale", locale));
    return new HelpText(new CommandContext(new Turn(event), "core", "help", List.of(), "telegram:1", false, bundle));
  }

  @Test
  void descriptionsComeFromTheBundleForTheUsersLanguageElseFromTheRegistration() {
    assertThat(help("zh").scene(key)).contains("key — 你自己的模型 API 密钥", "key set <apiKey> — 使用你自己的 API 密钥（仅限私聊）");
    assertThat(help("en").scene(key)).contains("key — your own model API key", "key set <apiKey> — use your own API key");
    // an operator's YAML scene has no translation: its own words in every language
    assertThat(help("zh").scene(ops)).contains("ops 🔒 — operations", "ops uptime — whether it is up");
    assertThat(help("zh").details(ops, ops.commands().get("uptime"))).contains("/ops uptime", "（受限：需要管理员授权）");
  }

  @Test
  void theOverviewListsScenesAndRootCommands() {
    SceneDefinition core = new SceneDefinition("core", "help and more", false, true, "java", new TreeMap<>(Map.of(
        "help", new CommandDefinition("help", "the scenes", "[scene] [cmd]", 0, 2, false, c -> null))));
    String overview = help("en").overview(new TreeMap<>(Map.of("core", core, "key", key, "ops", ops)));
    assertThat(overview).contains("• core — help and more", "• key — your own model API key", "• ops 🔒 — operations", "  /help — the scenes");
    assertThat(help("en").scene(core)).contains("  /help [scene] [cmd] — the scenes");
  }
}
