package io.switchboard.adapter.telegram;

import io.switchboard.egress.ConfirmationButtons;
import io.switchboard.egress.EgressDelivery;
import io.switchboard.egress.OutgoingReply;
import io.switchboard.egress.PermanentDeliveryException;
import io.switchboard.egress.PlatformSender;
import io.switchboard.egress.TransientDeliveryException;
import io.switchboard.envelope.Envelope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Telegram's sink: a reply becomes sendMessage calls (text split at Telegram's limit, Markdown as HTML), and
 * sendPhoto / sendDocument for image and file parts with a URL. Messages already sent are remembered with the delivery,
 * so a retry after a failure part-way resends only the rest. A confirmation question carries its buttons.
 */
@Component("telegramSender")
public class TelegramSender implements PlatformSender {

  private final TelegramApi api;
  private final EgressDelivery delivery;

  public TelegramSender(TelegramApi api, EgressDelivery delivery) {
    this.api = api;
    this.delivery = delivery;
  }

  @Override
  public String adapter() {
    return "telegram";
  }

  @Override
  public void send(OutgoingReply outgoing) throws InterruptedException {
    Envelope reply = outgoing.reply();
    String botId = reply.conversation().bot();
    String chatId = reply.conversation().chatId();
    List<Map<String, Object>> calls = calls(chatId, reply);
    int sent = outgoing.sent();
    long started = System.nanoTime();
    for (int i = sent; i < calls.size(); i++) {
      Map<String, Object> call = calls.get(i);
      try {
        api.call(botId, (String) call.get("method"), withoutMethod(call));
      } catch (TelegramApiException e) {
        if (e.transientFailure()) {
          throw new TransientDeliveryException(e.getMessage(), e.retryAfter());
        }
        throw new PermanentDeliveryException(e.getMessage());
      } catch (IOException e) {
        throw new TransientDeliveryException("Telegram unreachable: " + e, e);
      }
      outgoing.messageSent();
    }
    delivery.sent("telegram", System.nanoTime() - started);
  }

  static List<Map<String, Object>> calls(String chatId, Envelope reply) {
    List<Map<String, Object>> calls = new ArrayList<>();
    String text = reply.text();
    if (!text.isBlank()) {
      List<String> chunks = TelegramText.split(text, TelegramText.SPLIT_AT);
      for (int i = 0; i < chunks.size(); i++) {
        Map<String, Object> call = new HashMap<>(Map.of("method", "sendMessage", "chat_id", chatId, "text", TelegramText.html(chunks.get(i)),
            "parse_mode", "HTML"));
        if (i == chunks.size() - 1) {
          confirmationButtons(reply).ifPresent(keyboard -> call.put("reply_markup", keyboard));
        }
        calls.add(call);
      }
    }
    for (Envelope.Part part : reply.data().parts()) {
      if ("image".equals(part.type()) && part.url() != null) {
        calls.add(Map.of("method", "sendPhoto", "chat_id", chatId, "photo", part.url()));
      } else if ("file".equals(part.type()) && part.url() != null) {
        calls.add(Map.of("method", "sendDocument", "chat_id", chatId, "document", part.url()));
      }
    }
    return calls;
  }

  /**
   * A question asking to confirm tool calls gets an inline keyboard under its last message: per call, a button for
   * each answer. A press comes back as the command it shows ({@link TelegramInbound#fromButton}).
   */
  static Optional<Map<String, Object>> confirmationButtons(Envelope reply) {
    List<List<Map<String, String>>> rows = ConfirmationButtons.of(reply).stream()
        .map(row -> row.stream().map(button -> Map.of("text", button.label(), "callback_data", button.command())).toList())
        .toList();
    return rows.isEmpty() ? Optional.empty() : Optional.of(Map.of("inline_keyboard", rows));
  }

  private static Map<String, Object> withoutMethod(Map<String, Object> call) {
    Map<String, Object> parameters = new java.util.HashMap<>(call);
    parameters.remove("method");
    return parameters;
  }
}
