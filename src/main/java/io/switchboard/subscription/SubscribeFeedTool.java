package io.switchboard.subscription;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.tool.Tool;
import io.switchboard.tool.ToolContext;
import io.switchboard.tool.ToolDefinition;
import io.switchboard.tool.ToolFailure;
import org.springframework.stereotype.Component;

/**
 * Built-in {@code subscribe_feed}: subscribes the chat the agent talks in to an RSS or Atom feed, as {@code sub rss}
 * would (fetched first through the guarded client, refused with the reason when it is not a feed).
 */
@Component
public class SubscribeFeedTool implements Tool {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SubscriptionService subscriptions;

  public SubscribeFeedTool(SubscriptionService subscriptions) {
    this.subscriptions = subscriptions;
  }

  @Override
  public ToolDefinition definition() {
    ObjectNode schema = JSON.createObjectNode().put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    properties.putObject("url").put("type", "string").put("description", "The RSS or Atom feed's URL");
    properties.putObject("summarize").put("type", "boolean").put("description", "Summarize each new item with the model");
    schema.putArray("required").add("url");
    return new ToolDefinition("subscribe_feed", "Subscribes this chat to an RSS or Atom feed: new items are posted here", schema, false,
        ToolDefinition.BUILT_IN);
  }

  @Override
  public String call(ObjectNode arguments, ToolContext context) throws ToolFailure, InterruptedException {
    String url = arguments.path("url").asText("");
    try {
      SubscriptionService.Subscribed done = subscriptions.subscribeRss(context.conversation(), context.chatType(), url, null,
          arguments.path("summarize").asBoolean(false), context.conversation().platform() + ":" + context.userId());
      return "subscribed this chat to " + done.title() + " (subscription " + done.subscription().id() + ", checked every "
          + done.interval().toMinutes() + " min)";
    } catch (SubscriptionService.RefusedException e) {
      throw new ToolFailure(e.getMessage());
    }
  }
}
