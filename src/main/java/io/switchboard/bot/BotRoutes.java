package io.switchboard.bot;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes each configured bot an instance of route templates: its adapter's {@code <adapter>-source}
 * ({@code adapters/<platform>/<platform>.camel.yaml}: platform to sb.ingress) and the shared {@code bot-sink} (the
 * bot's egress queue to the platform, through the adapter's {@link io.switchboard.egress.PlatformSender}).
 * Templates get the bot id and its non-secret settings; beans look secrets up by bot id.
 */
@Component
class BotRoutes implements CamelContextConfiguration {

  private static final Logger log = LoggerFactory.getLogger(BotRoutes.class);
  /** The sink template every adapter shares (routes/bot-sink.camel.yaml). */
  static final String SHARED_SINK = "bot-sink";

  private final Bots bots;
  private volatile IllegalStateException failure;

  BotRoutes(Bots bots) {
    this.bots = bots;
  }

  @Override
  public void beforeApplicationStart(CamelContext camel) {}

  /** As soon as Camel runs (its templates are loaded), before the application reports ready. */
  @Override
  public void afterApplicationStart(CamelContext camel) {
    try {
      startBots(camel);
    } catch (IllegalStateException e) {
      failure = e; // Camel only logs what this hook throws
    }
  }

  /** A bot that could not start stops the application, with the reason. */
  @EventListener(ApplicationReadyEvent.class)
  public void failIfABotDidNotStart() {
    if (failure != null) {
      throw failure;
    }
  }

  private void startBots(CamelContext camel) {
    for (Bots.ConfiguredBot bot : bots.all()) {
      for (String role : new String[] {"source", "sink"}) {
        String template = template(camel, bot, role);
        String routeId = bot.adapter() + "-" + role + "-" + bot.id();
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("botId", bot.id());
        parameters.put("mode", bot.mode());
        bot.publicConfig().forEach((field, value) -> parameters.put(camelCase(field), value));
        try {
          camel.addRouteFromTemplate(routeId, template, parameters);
        } catch (Exception e) {
          throw new IllegalStateException("bot '" + bot.id() + "': cannot start route " + routeId + ": " + e.getMessage(), e);
        }
        log.info("Bot {} ({} {}): route {} started", bot.id(), bot.adapter(), bot.mode(), routeId);
      }
    }
  }

  /**
   * A mode may have its own template ({@code telegram-polling-source}); else the adapter's ({@code http-source}). A
   * sink is the shared {@code bot-sink} unless the adapter ships its own.
   */
  static String template(CamelContext camel, Bots.ConfiguredBot bot, String role) {
    String perMode = bot.adapter() + "-" + bot.mode() + "-" + role;
    String perAdapter = bot.adapter() + "-" + role;
    if (exists(camel, perMode)) {
      return perMode;
    }
    return role.equals("sink") && !exists(camel, perAdapter) ? SHARED_SINK : perAdapter;
  }

  private static boolean exists(CamelContext camel, String template) {
    return camel.getCamelContextExtension().getContextPlugin(Model.class).getRouteTemplateDefinition(template) != null;
  }

  /** {@code callback-url} becomes the template parameter {@code callbackUrl}. */
  static String camelCase(String field) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : field.toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
        upper = false;
      }
    }
    return out.toString();
  }
}
