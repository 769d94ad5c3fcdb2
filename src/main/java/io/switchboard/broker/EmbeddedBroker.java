package io.switchboard.broker;

import io.switchboard.config.SecretFiles;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.State;
import org.apache.qpid.server.model.SystemConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache Qpid Broker-J in-process, speaking AMQP 0-9-1 on 127.0.0.1, with its Derby message store under
 * {@code <data-dir>/qpid} so that queued messages survive a restart. Its one account, {@value #USER}, gets a new
 * random password at every start, known only to this process: nothing else on the machine can use the bus.
 */
public class EmbeddedBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

  public static final String USER = "switchboard";

  private final SystemLauncher launcher;
  private final int port;
  private final String password;

  private EmbeddedBroker(SystemLauncher launcher, int port, String password) {
    this.launcher = launcher;
    this.port = port;
    this.password = password;
  }

  public static EmbeddedBroker start(Path dataDir, int requestedPort) throws Exception {
    Path workDir = dataDir.resolve("qpid").toAbsolutePath();
    Files.createDirectories(workDir);
    System.setProperty("derby.stream.error.file", workDir.resolve("derby.log").toString());
    AtomicReference<SystemConfig<?>> systemConfig = new AtomicReference<>();
    SystemLauncher launcher =
        new SystemLauncher(
            new SystemLauncherListener.DefaultSystemLauncherListener() {
              @Override
              public void onContainerResolve(SystemConfig<?> config) {
                systemConfig.set(config);
              }
            });
    String password = SecretFiles.random(24);
    Map<String, Object> attributes = new HashMap<>();
    // the broker configuration is re-read on each start; only the virtual host's messages are stored
    attributes.put("type", "Memory");
    attributes.put("initialConfigurationLocation", resource("/qpid/broker.json"));
    // Qpid's default "classpath:" location only resolves when Tomcat's URL handler is registered
    attributes.put("initialSystemPropertiesLocation", resource("/qpid/system.properties"));
    attributes.put("startupLoggedToSystemOut", false);
    attributes.put(
        "context",
        Map.of(
            "qpid.amqp_port", String.valueOf(requestedPort),
            "qpid.work_dir", workDir.toString(),
            "qpid.switchboard_password", password,
            "queue.behaviourOnUnknownDeclareArgument", "IGNORE",
            "qpid.port.sessionCountLimit", "2047"));
    launcher.startup(attributes);

    // startup() never throws: a port in use or a locked Derby store leaves the broker ERRORED
    Broker<?> broker = (Broker<?>) systemConfig.get().getContainer(Broker.class);
    Port<?> amqp =
        broker.getPorts().stream().filter(p -> p.getName().equals("AMQP")).findFirst().orElse(null);
    if (broker.getState() != State.ACTIVE || amqp == null || amqp.getState() != State.ACTIVE || amqp.getBoundPort() <= 0) {
      launcher.shutdown();
      throw new IllegalStateException(
          "The embedded AMQP broker did not start (broker "
              + broker.getState()
              + (amqp == null ? "" : ", port " + amqp.getState())
              + "). Is another Switchboard using " + workDir + ", or is port " + requestedPort + " taken?");
    }
    removeShutdownHook(broker);
    log.info("Embedded AMQP broker (Qpid Broker-J) listening on 127.0.0.1:{}, store {}", amqp.getBoundPort(), workDir);
    return new EmbeddedBroker(launcher, amqp.getBoundPort(), password);
  }

  public int port() {
    return port;
  }

  public String password() {
    return password;
  }

  @Override
  public void close() {
    launcher.shutdown();
  }

  private static String resource(String name) {
    return EmbeddedBroker.class.getResource(name).toExternalForm();
  }

  /** Qpid's own JVM hook would stop the broker before Spring has stopped the consumers; Spring closes it instead. */
  private static void removeShutdownHook(Broker<?> broker) {
    try {
      Field field = broker.getClass().getDeclaredField("_shutdownHook");
      field.setAccessible(true);
      Thread hook = (Thread) field.get(broker);
      if (hook != null) {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
    } catch (ReflectiveOperationException | IllegalStateException e) {
      log.debug("Qpid shutdown hook not removed: {}", e.toString());
    }
  }
}
