package io.switchboard.command;

import io.switchboard.command.SceneDefinition.CommandDefinition;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Every scene and its commands, from two sources:
 * <ul>
 *   <li>Java: beans annotated {@link Scene}, with {@link Command} methods;
 *   <li>YAML: routes consuming {@code direct:command.<scene>.<cmd>} (route {@code description}: the command's,
 *       {@code note}: its usage, {@code group}: the scene's description). Read from the running Camel context again
 *       whenever routes are added or removed, so a command added in the routes directory is live once it reloads.
 * </ul>
 * Precedence where names meet: a YAML command replaces the Java command of the same scene and name (operators can
 * change behaviour without Java); the Java scene's other commands remain. {@code switchboard.commands.scenes.<name>}
 * overrides a scene's access and description whatever its source.
 */
@Component
public class SceneRegistry implements SmartInitializingSingleton {

  static final String YAML_PREFIX = "direct://command.";

  private final ApplicationContext context;
  private final CamelContext camel;
  private final ProducerTemplate producer;
  private final CommandSettings settings;
  private final Map<String, SceneDefinition> javaScenes = new LinkedHashMap<>();
  /** Every message looks commands up: the merged view is kept until routes change. */
  private volatile Map<String, SceneDefinition> merged;

  public SceneRegistry(ApplicationContext context, CamelContext camel, ProducerTemplate producer, CommandSettings settings) {
    this.context = context;
    this.camel = camel;
    this.producer = producer;
    this.settings = settings;
    camel.getManagementStrategy().addEventNotifier(new SimpleEventNotifierSupport() {
      @Override
      public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.RouteAddedEvent || event instanceof CamelEvent.RouteRemovedEvent) {
          routesChanged();
        }
      }
    });
  }

  @Override
  public void afterSingletonsInstantiated() {
    context.getBeansWithAnnotation(Scene.class).values().forEach(this::registerBean);
  }

  void registerBean(Object bean) {
    Class<?> type = AopUtils.getTargetClass(bean);
    Scene scene = type.getAnnotation(Scene.class);
    Map<String, CommandDefinition> commands = new TreeMap<>();
    for (Method method : type.getMethods()) {
      Command command = method.getAnnotation(Command.class);
      if (command != null) {
        commands.put(command.name(), new CommandDefinition(command.name(), command.description(), command.usage(),
            command.minArgs(), command.maxArgs(), command.adminOnly(), invoker(bean, method)));
      }
    }
    if (javaScenes.containsKey(scene.name())) {
      throw new IllegalStateException("two @Scene beans are named '" + scene.name() + "'");
    }
    javaScenes.put(scene.name(), new SceneDefinition(scene.name(), scene.description(), scene.restricted(), scene.root(), "java", commands));
    routesChanged();
  }

  /** All scenes, Java and YAML merged per the precedence, with the configured overrides applied; sorted by name. */
  public Map<String, SceneDefinition> scenes() {
    Map<String, SceneDefinition> cached = merged;
    if (cached == null) {
      cached = Collections.unmodifiableMap(merge());
      merged = cached;
    }
    return cached;
  }

  /** Routes were added or removed (a reload of the routes directory): the YAML scenes are read again. */
  private void routesChanged() {
    merged = null;
  }

  private Map<String, SceneDefinition> merge() {
    Map<String, SceneDefinition> merged = new TreeMap<>(javaScenes);
    yamlScenes().forEach((name, yaml) -> merged.merge(name, yaml, (java, y) -> {
      Map<String, CommandDefinition> commands = new TreeMap<>(java.commands());
      commands.putAll(y.commands());
      return new SceneDefinition(name, java.description(), java.restricted(), java.root(), "java+yaml", commands);
    }));
    merged.replaceAll((name, scene) -> configured(scene));
    return merged;
  }

  public Optional<SceneDefinition> scene(String name) {
    return Optional.ofNullable(scenes().get(name));
  }

  /** A command of a root scene, typed without its scene name; the first root scene in name order wins. */
  public Optional<Map.Entry<SceneDefinition, CommandDefinition>> rootCommand(String name) {
    return scenes().values().stream()
        .filter(SceneDefinition::root)
        .filter(s -> s.commands().containsKey(name))
        .min(Comparator.comparing(SceneDefinition::name))
        .map(s -> Map.entry(s, s.commands().get(name)));
  }

  private SceneDefinition configured(SceneDefinition scene) {
    CommandSettings.SceneSettings override = settings.scenes().get(scene.name());
    if (override == null) {
      return scene;
    }
    boolean restricted = override.access() == null || override.access().isBlank() ? scene.restricted() : "restricted".equalsIgnoreCase(override.access());
    String description = override.description() == null || override.description().isBlank() ? scene.description() : override.description();
    return new SceneDefinition(scene.name(), description, restricted, scene.root(), scene.origin(), scene.commands());
  }

  private Map<String, SceneDefinition> yamlScenes() {
    Map<String, Map<String, CommandDefinition>> commands = new TreeMap<>();
    Map<String, String> descriptions = new TreeMap<>();
    for (Route route : new ArrayList<>(camel.getRoutes())) {
      String uri = route.getEndpoint().getEndpointUri();
      if (!uri.startsWith(YAML_PREFIX)) {
        continue;
      }
      String[] name = uri.substring(YAML_PREFIX.length()).split("[.?]", 3);
      if (name.length < 2) {
        continue;
      }
      String endpoint = "direct:command." + name[0] + "." + name[1];
      commands.computeIfAbsent(name[0], k -> new TreeMap<>()).put(name[1], new CommandDefinition(
          name[1], orEmpty(route.getDescription()), orEmpty(route.getNote()), 0, -1, false, yamlHandler(endpoint)));
      if (route.getGroup() != null) {
        descriptions.put(name[0], route.getGroup());
      }
    }
    Map<String, SceneDefinition> scenes = new TreeMap<>();
    commands.forEach((scene, cmds) -> scenes.put(scene, new SceneDefinition(scene, descriptions.getOrDefault(scene, ""), false, false, "yaml", cmds)));
    return scenes;
  }

  /** A YAML command gets the arguments as the body (joined by spaces) and in headers; its result body is the reply. */
  private SceneDefinition.Handler yamlHandler(String endpoint) {
    return context -> {
      var result = producer.request(endpoint, exchange -> {
        exchange.getMessage().setBody(String.join(" ", context.args()));
        exchange.getMessage().setHeader("SwitchboardArgs", context.args());
        exchange.getMessage().setHeader("SwitchboardUser", context.userKey());
        exchange.getMessage().setHeader("SwitchboardConversation", context.turn().event().subject());
        exchange.getMessage().setHeader("SwitchboardAdmin", context.admin());
      });
      if (result.getException() != null) {
        throw result.getException();
      }
      Object body = result.getMessage().getBody();
      return body instanceof CommandReply reply ? reply : CommandReply.text(body == null ? "" : result.getMessage().getBody(String.class));
    };
  }

  private static SceneDefinition.Handler invoker(Object bean, Method method) {
    return context -> {
      try {
        return (CommandReply) method.invoke(bean, context);
      } catch (InvocationTargetException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
    };
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
