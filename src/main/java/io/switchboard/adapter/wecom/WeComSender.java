package io.switchboard.adapter.wecom;

import io.switchboard.bot.Bots;
import io.switchboard.egress.EgressDelivery;
import io.switchboard.egress.TransientDeliveryException;
import io.switchboard.envelope.Envelope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * WeCom's sink: {@code message/send} text messages to the member, split below WeCom's 2048-byte limit; messages
 * already sent are remembered on the exchange, so a retry part-way resends only the rest.
 */
@Component("wecomSender")
public class WeComSender {

  static final int MAX_BYTES = 2048;
  static final String SENT = "SwitchboardWeComSent";

  private final WeComApi api;
  private final Bots bots;
  private final EgressDelivery delivery;

  public WeComSender(WeComApi api, Bots bots, EgressDelivery delivery) {
    this.api = api;
    this.bots = bots;
    this.delivery = delivery;
  }

  public void send(Exchange exchange) throws InterruptedException {
    Envelope reply = EgressDelivery.reply(exchange);
    String botId = reply.conversation().bot();
    int agentId = bots.get(botId).integer("agent-id");
    List<String> chunks = chunks(reply.text(), MAX_BYTES);
    long started = System.nanoTime();
    for (int i = exchange.getProperty(SENT, 0, Integer.class); i < chunks.size(); i++) {
      try {
        api.post(botId, "/cgi-bin/message/send", Map.of(
            "touser", reply.conversation().chatId(), "msgtype", "text", "agentid", agentId, "text", Map.of("content", chunks.get(i))));
      } catch (TransientDeliveryException e) {
        throw EgressDelivery.retryLater(exchange, e);
      }
      exchange.setProperty(SENT, i + 1);
    }
    delivery.sent("wecom", System.nanoTime() - started);
  }

  /** Pieces of at most {@code maxBytes} UTF-8 bytes, cut at a line break or space when one is near. */
  static List<String> chunks(String text, int maxBytes) {
    List<String> chunks = new ArrayList<>();
    String rest = text.strip();
    while (rest.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      int cut = 0;
      int bytes = 0;
      while (cut < rest.length()) {
        int next = rest.offsetByCodePoints(cut, 1);
        bytes += rest.substring(cut, next).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
          break;
        }
        cut = next;
      }
      int boundary = Math.max(rest.lastIndexOf('\n', cut - 1), rest.lastIndexOf(' ', cut - 1));
      if (boundary > cut / 2) {
        cut = boundary + 1;
      }
      chunks.add(rest.substring(0, cut).strip());
      rest = rest.substring(cut).strip();
    }
    if (!rest.isEmpty() || chunks.isEmpty()) {
      chunks.add(rest);
    }
    return chunks;
  }
}
