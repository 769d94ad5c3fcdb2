package io.switchboard.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.envelope.Envelope;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scene resolution and precedence, without a broker: Java scenes registered by hand, YAML ones as Camel routes. */
class CommandDispatcherTest {

  @Scene(name = "ops", description = "operations", restricted = true)
  public static class OpsScene {
    @Command(name = "uptime", description = "java uptime", maxArgs = 0)
    public CommandReply uptime(CommandContext context) {
      return CommandReply.text("java");
    }

    @Command(name = "status", description = "java status", usage = "[service]", maxArgs = 1)
    public CommandReply status(CommandContext context) {
      return CommandReply.text("status");
    }
  }

  @Scene(name = "core", description = "core", root = true)
  public static class Core {
    @Command(name = "help", description = "help", maxArgs = 2)
    public CommandReply help(CommandContext context) {
      return CommandReply.text("help");
    }
  }

  static final CommandPermissions NO_ADMINS_NO_GRANTS = new CommandPermissions() {
    @Override
    public boolean isAdmin(Envelope event) {
      return false;
    }

    @Override
    public boolean granted(String userKey, String scene, String command) {
      return false;
    }
  };

  final DefaultCamelContext camel = new DefaultCamelContext();
  SceneRegistry registry;
  CommandDispatcher dispatcher;

  @BeforeEach
  void registries() throws Exception {
    camel.addRoutes(new RouteBuilder() {
      @Override
      public void configure() {
        from("direct:command.ops.uptime").description("yaml uptime").setBody(constant("yaml"));
        from("direct:command.weather.today").routeGroup("the weather").description("today's weather").setBody(constant("sunny"));
      }
    });
    camel.start();
    CommandSettings settings = new CommandSettings("/!", true, Map.of(), Map.of("weather", new CommandSettings.SceneSettings("restricted", null)));
    registry = new SceneRegistry(null, camel, camel.createProducerTemplate(), settings);
    registry.registerBean(new OpsScene());
    registry.registerBean(new Core());
    dispatcher = new CommandDispatcher(registry, NO_ADMINS_NO_GRANTS, settings, null, null, new SimpleMeterRegistry());
  }

  @AfterEach
  void stop() {
    camel.stop();
  }

  @Test
  void aYamlCommandReplacesTheJavaCommandOfTheSameNameAndTheOthersRemain() {
    SceneDefinition ops = registry.scene("ops").orElseThrow();
    assertThat(ops.commands().get("uptime").description()).isEqualTo("yaml uptime");
    assertThat(ops.commands().get("status").description()).isEqualTo("java status");
    assertThat(ops.restricted()).isTrue();
    assertThat(ops.origin()).isEqualTo("java+yaml");
  }

  @Test
  void aYamlOnlySceneTakesItsDescriptionFromTheRouteGroupAndItsAccessFromConfig() {
    SceneDefinition weather = registry.scene("weather").orElseThrow();
    assertThat(weather.description()).isEqualTo("the weather");
    assertThat(weather.restricted()).isTrue();
    assertThat(weather.commands().get("today").description()).isEqualTo("today's weather");
  }

  @Test
  void prefixedLinesAreAlwaysCommandsAndBareLinesOnlyWhenTheyFullyResolve() {
    assertThat(dispatcher.resolve("/ops status api").orElseThrow().command().name()).isEqualTo("status");
    assertThat(dispatcher.resolve("ops status api").orElseThrow().args()).containsExactly("api");
    assertThat(dispatcher.resolve("help")).isPresent();
    assertThat(dispatcher.resolve("core help ops")).isPresent();
    // a bare line with too many arguments for the command, or no known command, is for the model
    assertThat(dispatcher.resolve("help me write a poem about the sea")).isEmpty();
    assertThat(dispatcher.resolve("ops is down again")).isEmpty();
    assertThat(dispatcher.resolve("hello there")).isEmpty();
    // prefixed but unknown: resolved to "unknown", answered with suggestions
    CommandDispatcher.Resolution unknown = dispatcher.resolve("/hepl").orElseThrow();
    assertThat(unknown.command()).isNull();
    assertThat(unknown.unknown()).isEqualTo("hepl");
    assertThat(dispatcher.resolve("/ops upt").orElseThrow().unknown()).isEqualTo("upt");
  }

  @Test
  void nearestMatchesAreWithinTwoEditsOrStartWithWhatWasTyped() {
    assertThat(Suggestions.nearest("hepl", java.util.List.of("help", "key", "reset"))).containsExactly("help");
    assertThat(Suggestions.nearest("upt", java.util.List.of("uptime", "status"))).containsExactly("uptime");
    assertThat(Suggestions.nearest("zzzzzz", java.util.List.of("help"))).isEmpty();
  }
}
