package io.switchboard.adapter.telegram;

import io.switchboard.egress.ConfirmationButtons;
import io.switchboard.egress.EditedStreams;
import io.switchboard.egress.EgressDelivery;
import io.switchboard.egress.OutgoingReply;
import io.switchboard.egress.PermanentDeliveryException;
import io.switchboard.egress.PlatformSender;
import io.switchboard.egress.TransientDeliveryException;
import io.switchboard.envelope.Envelope;
import io.switchboard.files.LinkedFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Telegram's sink: a reply becomes sendMessage calls (text split at Telegram's limit, Markdown as HTML), and
 * sendPhoto / sendDocument for image and file parts with a URL (our own files uploaded from the store). Messages already sent are remembered with the delivery,
 * so a retry after a failure part-way resends only the rest. A confirmation question carries its buttons. While the
 * answer is written, private chats see it as a draft ({@link TelegramDrafts}).
 */
@Component("telegramSender")
public class TelegramSender implements PlatformSender {

  private final TelegramApi api;
  private final EgressDelivery delivery;
  private final LinkedFiles ownFiles;
  private final TelegramDrafts drafts;
  private final EditedStreams streams;
  private final EditedStreams.EditableMessages groupMessages = new EditedStreams.EditableMessages() {
    @Override
    public String post(Envelope partial, String text) throws IOException, InterruptedException {
      return api.call(partial.conversation().bot(), "sendMessage", Map.of("chat_id", partial.conversation().chatId(), "text", firstMessage(text),
          "parse_mode", "HTML")).path("message_id").asText();
    }

    @Override
    public void edit(Envelope partial, String messageId, String text) throws IOException, InterruptedException {
      try {
        editMessage(partial.conversation().bot(), Map.of("chat_id", partial.conversation().chatId(), "message_id", Long.parseLong(messageId),
            "text", firstMessage(text), "parse_mode", "HTML"));
      } catch (TelegramApiException e) {
        if (e.retryAfter() != null) {
          throw new TransientDeliveryException(e.getMessage(), e.retryAfter()); // flood control: the stream's edits wait
        }
        throw e;
      }
    }
  };

  public TelegramSender(TelegramApi api, EgressDelivery delivery, LinkedFiles ownFiles, TelegramDrafts drafts, EditedStreams streams) {
    this.drafts = drafts;
    this.streams = streams;
    this.ownFiles = ownFiles;
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
    Optional<String> streamed = sent == 0 ? streams.shownAs(reply) : Optional.empty();
    if (streamed.isPresent() && !calls.isEmpty() && "sendMessage".equals(calls.get(0).get("method"))) {
      // the message the answer was written into becomes the answer: its first part edits it
      Map<String, Object> edit = new HashMap<>(calls.get(0));
      edit.put("method", "editMessageText");
      edit.put("message_id", Long.parseLong(streamed.get()));
      calls.set(0, edit);
    }
    long started = System.nanoTime();
    for (int i = sent; i < calls.size(); i++) {
      Map<String, Object> call = calls.get(i);
      try {
        send(botId, call);
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
    streams.finished(reply);
    delivery.sent("telegram", System.nanoTime() - started);
  }

  /** The answer so far: a draft in a private chat ({@link TelegramDrafts}), one message edited in place in a group. */
  @Override
  public void partial(Envelope partial) throws IOException, InterruptedException {
    if (Envelope.Chat.PRIVATE.equals(partial.data().chat().type())) {
      drafts.show(partial);
    } else {
      streams.partial(partial, groupMessages);
    }
  }

  /** The Markdown text as the HTML of one Telegram message: its first part, when it is longer. */
  private static String firstMessage(String text) {
    return TelegramText.html(TelegramText.split(text, TelegramText.SPLIT_AT).get(0));
  }

  /** editMessageText; the same text again (a reply redelivered after its edit went through) is no failure. */
  private void editMessage(String botId, Map<String, Object> parameters) throws IOException, InterruptedException {
    try {
      api.call(botId, "editMessageText", parameters);
    } catch (TelegramApiException e) {
      if (!e.getMessage().contains("message is not modified")) {
        throw e;
      }
    }
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

  /** One call; a photo or document that is one of our own files is uploaded, since Telegram cannot fetch its link. */
  private void send(String botId, Map<String, Object> call) throws IOException, InterruptedException {
    String method = (String) call.get("method");
    String field = method.equals("sendPhoto") ? "photo" : method.equals("sendDocument") ? "document" : null;
    Optional<LinkedFiles.LinkedFile> own = field == null ? Optional.empty() : ownFiles.read((String) call.get(field));
    if (own.isPresent()) {
      api.upload(botId, method, Map.of("chat_id", String.valueOf(call.get("chat_id"))), field, own.get().name(), own.get().mimeType(),
          own.get().content());
    } else if (method.equals("editMessageText")) {
      editMessage(botId, withoutMethod(call));
    } else {
      api.call(botId, method, withoutMethod(call));
    }
  }

  private static Map<String, Object> withoutMethod(Map<String, Object> call) {
    Map<String, Object> parameters = new java.util.HashMap<>(call);
    parameters.remove("method");
    return parameters;
  }
}
