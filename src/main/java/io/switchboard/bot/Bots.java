package io.switchboard.bot;

import io.switchboard.config.SwitchboardProperties;
import io.switchboard.config.SwitchboardProperties.Bot;
import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The configured bots ({@code switchboard.bots}), validated against their adapters' manifests when the service starts:
 * a missing or malformed field stops start-up with a message naming the bot and the field.
 */
@Component
public class Bots {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  /** A validated bot with its defaults applied. */
  public record ConfiguredBot(String id, String adapter, String mode, Map<String, String> config, AdapterManifest manifest, String agent) {
    public String get(String field) {
      return config.get(field);
    }

    public int integer(String field) {
      return Integer.parseInt(config.get(field));
    }

    /** Whether the bot shows answers as they are written: its platform can, and its {@code streaming} is not off. */
    public boolean streams() {
      return manifest != null && manifest.can(AdapterManifest.STREAM) && !"false".equalsIgnoreCase(config.get("streaming"));
    }

    /** An event from this bot's platform, asking for its answer as it is written when the bot {@link #streams}. */
    public Envelope streamed(Envelope event) {
      return streams() ? Envelopes.withStream(event) : event;
    }

    /** The config fields a route may see: everything but secrets (route definitions show in Hawtio). */
    public Map<String, String> publicConfig() {
      Map<String, String> visible = new HashMap<>();
      for (AdapterManifest.Field field : manifest.fields()) {
        if (!field.secret() && config.containsKey(field.name())) {
          visible.put(field.name(), config.get(field.name()));
        }
      }
      return visible;
    }
  }

  private final Map<String, ConfiguredBot> byId = new HashMap<>();

  public Bots(SwitchboardProperties properties, AdapterManifests manifests) {
    List<String> problems = new ArrayList<>();
    for (Bot bot : properties.bots()) {
      validate(bot, manifests, problems).ifPresent(valid -> {
        if (byId.putIfAbsent(valid.id(), valid) != null) {
          problems.add("bot '" + valid.id() + "': the id is used twice");
        }
      });
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Invalid switchboard.bots configuration:\n  - " + String.join("\n  - ", problems));
    }
  }

  static Optional<ConfiguredBot> validate(Bot bot, AdapterManifests manifests, List<String> problems) {
    String name = bot.id() == null ? "(no id)" : bot.id();
    int before = problems.size();
    if (bot.id() == null || !ID.matcher(bot.id()).matches()) {
      problems.add("bot '" + name + "': id must be 1-63 lower-case letters, digits, '-' or '_'");
    }
    Optional<AdapterManifest> found = bot.adapter() == null ? Optional.empty() : manifests.find(bot.adapter());
    if (found.isEmpty()) {
      problems.add("bot '" + name + "': adapter '" + bot.adapter() + "' is not one of " + manifests.all().stream().map(AdapterManifest::adapter).toList());
      return Optional.empty();
    }
    AdapterManifest manifest = found.get();
    String mode = bot.mode() == null || bot.mode().isBlank() ? manifest.modes().get(0) : bot.mode();
    if (!manifest.modes().contains(mode)) {
      problems.add("bot '" + name + "': mode '" + mode + "' is not one of " + manifest.modes() + " for adapter " + manifest.adapter());
    }
    Map<String, String> config = new HashMap<>();
    Set<String> known = new HashSet<>();
    for (AdapterManifest.Field field : manifest.fields()) {
      known.add(field.name());
      String value = bot.config().get(field.name());
      if (value == null || value.isBlank()) {
        if (field.requiredIn(mode)) {
          problems.add("bot '" + name + "': field '" + field.name() + "' is required"
              + (field.required() ? "" : " in " + mode + " mode") + " (" + field.description() + ")");
        } else if (field.defaultValue() != null) {
          config.put(field.name(), field.defaultValue());
        }
        continue;
      }
      String problem = typeProblem(field, value.strip());
      if (problem == null && field.pattern() != null && !value.strip().matches(field.pattern())) {
        problem = "must match " + field.pattern();
      }
      if (problem != null) {
        problems.add("bot '" + name + "': field '" + field.name() + "' " + problem);
      }
      config.put(field.name(), value.strip());
    }
    for (String key : bot.config().keySet()) {
      if (!known.contains(key)) {
        problems.add("bot '" + name + "': unknown field '" + key + "' (adapter " + manifest.adapter() + " has " + known + ")");
      }
    }
    return problems.size() == before ? Optional.of(new ConfiguredBot(bot.id(), manifest.adapter(), mode, Map.copyOf(config), manifest,
        bot.agent() == null || bot.agent().isBlank() ? "default" : bot.agent().strip())) : Optional.empty();
  }

  private static String typeProblem(AdapterManifest.Field field, String value) {
    return switch (field.type()) {
      case integer -> value.matches("-?\\d{1,9}") ? null : "must be a whole number, got '" + value + "'";
      case bool -> value.equals("true") || value.equals("false") ? null : "must be true or false";
      case url -> validUrl(value) ? null : "must be an http(s) URL, got '" + value + "'";
      case string -> null;
    };
  }

  private static boolean validUrl(String value) {
    try {
      URI uri = URI.create(value);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public Optional<ConfiguredBot> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public ConfiguredBot get(String id) {
    return find(id).orElseThrow(() -> new IllegalArgumentException("no bot '" + id + "'"));
  }

  public List<ConfiguredBot> all() {
    return List.copyOf(byId.values());
  }
}
