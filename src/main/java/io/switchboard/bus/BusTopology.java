package io.switchboard.bus;

import io.switchboard.config.SwitchboardProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The exchanges and queues of the bus, declared idempotently by Spring's RabbitAdmin whenever a connection opens.
 * {@code rabbitmq/definitions.json} mirrors this for operators who pre-provision RabbitMQ.
 *
 * <p>Against RabbitMQ the durable queues are quorum queues, and the ingress and shard queues have a single active
 * consumer, so one instance at a time consumes each shard in order and another takes over when it dies. The embedded
 * Qpid broker rejects those arguments, so they are applied only to an external broker.
 */
@Configuration(proxyBeanMethods = false)
public class BusTopology {

  public static final String INGRESS = "sb.ingress";
  public static final String PIPELINE = "sb.pipeline";
  public static final String EGRESS = "sb.egress";
  public static final String FEEDS = "sb.feeds";
  /** The subscription router's queue: every feed item, fanned out to the subscribers' egress. */
  public static final String FEEDS_ROUTER = "sb.feeds.router";
  public static final String DEAD = "sb.dead";
  /** Tool calls of agents' chains: any instance's tool route takes them (competing consumers, no order needed). */
  public static final String TOOLS = "sb.tools";
  /** The routing key (on {@link #TOOLS}) of calls any tool route takes. */
  public static final String TOOL_CALLS_KEY = "call";
  /**
   * Sandbox runs, on {@link #TOOLS} with the routing key {@code sandbox}: their own queue, so that the runs waiting for
   * one of an instance's {@code max-concurrent} slots wait here, in the broker, and never hold the other tools' consumers.
   */
  public static final String SANDBOX = "sb.sandbox";
  public static final String SANDBOX_KEY = "sandbox";
  /**
   * Pushes to web chat and API sessions: kept in the session's history by whichever instance takes them from
   * {@link #SESSION_PUSHES}, then fanned out on this exchange to every instance, where the session may be open.
   */
  public static final String SESSIONS = "sb.sessions";
  /** The queue of pushes to web chat and API sessions (notifications routed {@code web.<bot>}, {@code api.<bot>}). */
  public static final String SESSION_PUSHES = "sb.egress.sessions";

  /** The queue of one instance's share of {@link #SESSIONS}: the pushes to show in the sessions open there. */
  public static String localSessionsQueue(String instanceId) {
    return SESSIONS + "." + instanceId;
  }

  /** The queue receiving replies for the channels served by this instance (API, web chat, terminal). */
  public static String localEgressQueue(String instanceId) {
    return EGRESS + ".local." + instanceId;
  }

  /** The queue of one bot's replies, consumed by its adapter's sink route. */
  public static String botEgressQueue(String botId) {
    return EGRESS + "." + botId;
  }

  @Bean
  Declarables busDeclarables(SwitchboardProperties properties) {
    boolean rabbitmq = !properties.broker().embedded();
    List<Declarable> declarables = new ArrayList<>();

    TopicExchange ingress = new TopicExchange(INGRESS, true, false);
    DirectExchange pipeline = new DirectExchange(PIPELINE, true, false);
    TopicExchange egress = new TopicExchange(EGRESS, true, false);
    TopicExchange feeds = new TopicExchange(FEEDS, true, false);
    FanoutExchange dead = new FanoutExchange(DEAD, true, false);
    DirectExchange tools = new DirectExchange(TOOLS, true, false);
    FanoutExchange sessions = new FanoutExchange(SESSIONS, true, false);
    declarables.addAll(List.of(ingress, pipeline, egress, feeds, dead, tools, sessions));

    Queue ingressQueue = new Queue(INGRESS, true, false, false, durableArguments(rabbitmq, true));
    declarables.add(ingressQueue);
    declarables.add(BindingBuilder.bind(ingressQueue).to(ingress).with("#"));

    for (int shard = 0; shard < properties.pipeline().shards(); shard++) {
      Queue shardQueue = new Queue(PIPELINE + "." + shard, true, false, false, durableArguments(rabbitmq, true));
      declarables.add(shardQueue);
      declarables.add(BindingBuilder.bind(shardQueue).to(pipeline).with(String.valueOf(shard)));
    }

    // every feed item (rss.<feedId> from the poller, api.<producer> from producers) reaches the subscription router
    Queue feedsQueue = new Queue(FEEDS_ROUTER, true, false, false, durableArguments(rabbitmq, false));
    declarables.add(feedsQueue);
    declarables.add(BindingBuilder.bind(feedsQueue).to(feeds).with("#"));

    Queue toolsQueue = new Queue(TOOLS, true, false, false, durableArguments(rabbitmq, false));
    declarables.add(toolsQueue);
    declarables.add(BindingBuilder.bind(toolsQueue).to(tools).with(TOOL_CALLS_KEY));
    Queue sandboxQueue = new Queue(SANDBOX, true, false, false, durableArguments(rabbitmq, false));
    declarables.add(sandboxQueue);
    declarables.add(BindingBuilder.bind(sandboxQueue).to(tools).with(SANDBOX_KEY));

    Queue deadQueue = new Queue(DEAD, true, false, false, durableArguments(rabbitmq, false));
    declarables.add(deadQueue);
    declarables.add(BindingBuilder.bind(deadQueue).to(dead));

    // replies for this instance's own channels: they are worthless once the waiting caller is gone
    Queue local = new Queue(localEgressQueue(properties.instanceId()), false, true, true);
    declarables.add(local);
    Binding localBinding = BindingBuilder.bind(local).to(egress).with("*.*." + properties.instanceId());
    declarables.add(localBinding);

    // pushes to sessions of the built-in channels (no instance in their routing key): kept until recorded, then shown
    // by every instance, which each have their own share, worthless once the instance is gone
    Queue pushes = new Queue(SESSION_PUSHES, true, false, false, durableArguments(rabbitmq, false));
    declarables.add(pushes);
    declarables.add(BindingBuilder.bind(pushes).to(egress).with("web.*"));
    declarables.add(BindingBuilder.bind(pushes).to(egress).with("api.*"));
    Queue shown = new Queue(localSessionsQueue(properties.instanceId()), false, true, true);
    declarables.add(shown);
    declarables.add(BindingBuilder.bind(shown).to(sessions));

    // one durable egress queue per bot: its replies survive restarts until the platform has them; one active consumer
    // keeps them in order per chat across instances, and makes a claim left by another instance a lost delivery
    for (SwitchboardProperties.Bot bot : properties.bots()) {
      Queue botQueue = new Queue(botEgressQueue(bot.id()), true, false, false, durableArguments(rabbitmq, true));
      declarables.add(botQueue);
      declarables.add(BindingBuilder.bind(botQueue).to(egress).with(bot.adapter() + "." + bot.id()));
    }
    return new Declarables(declarables);
  }

  private static Map<String, Object> durableArguments(boolean rabbitmq, boolean singleActiveConsumer) {
    Map<String, Object> args = new HashMap<>();
    if (rabbitmq) {
      args.put("x-queue-type", "quorum");
      if (singleActiveConsumer) {
        args.put("x-single-active-consumer", true);
      }
    }
    return args;
  }
}
