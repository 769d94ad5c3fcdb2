package io.switchboard.adapter.wecom;

import io.switchboard.bot.Bots;
import io.switchboard.egress.EgressDelivery;
import io.switchboard.egress.OutgoingReply;
import io.switchboard.egress.PermanentDeliveryException;
import io.switchboard.egress.PlatformSender;
import io.switchboard.egress.TransientDeliveryException;
import io.switchboard.envelope.Envelope;
import io.switchboard.files.LinkedFiles;
import io.switchboard.outbound.GuardedHttpClient;
import io.switchboard.outbound.OutboundRefusedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * WeCom's sink: {@code message/send} to the member. Plain text is split below WeCom's 2048-byte limit; text with
 * Markdown goes out as a markdown message (4096 bytes each); image and file parts with a URL are fetched, uploaded as
 * temporary media and sent by media_id. Messages already sent are remembered with the delivery, so a retry part-way
 * resends only the rest.
 */
@Component("wecomSender")
public class WeComSender implements PlatformSender {

  static final int MAX_BYTES = 2048;
  static final int MAX_MARKDOWN_BYTES = 4000;
  private static final Pattern MARKDOWN = Pattern.compile("\\*\\*.+?\\*\\*|`[^`]+`|^#{1,6} |\\[[^\\]]+]\\(https?://", Pattern.MULTILINE);

  private final WeComApi api;
  private final Bots bots;
  private final EgressDelivery delivery;
  private final GuardedHttpClient http;
  private final LinkedFiles ownFiles;

  public WeComSender(WeComApi api, Bots bots, EgressDelivery delivery, GuardedHttpClient http, LinkedFiles ownFiles) {
    this.ownFiles = ownFiles;
    this.api = api;
    this.bots = bots;
    this.delivery = delivery;
    this.http = http;
  }

  @Override
  public String adapter() {
    return "wecom";
  }

  @Override
  public void send(OutgoingReply outgoing) throws InterruptedException {
    Envelope reply = outgoing.reply();
    String botId = reply.conversation().bot();
    int agentId = bots.get(botId).integer("agent-id");
    List<Envelope.Part> messages = messages(reply);
    long started = System.nanoTime();
    for (int i = outgoing.sent(); i < messages.size(); i++) {
      Envelope.Part part = messages.get(i);
      Map<String, Object> message = new HashMap<>(Map.of("touser", reply.conversation().chatId(), "agentid", agentId));
      try {
        switch (part.type()) {
          case "markdown" -> message.putAll(Map.of("msgtype", "markdown", "markdown", Map.of("content", part.text())));
          case "image", "file" -> message.putAll(Map.of("msgtype", part.type(), part.type(), Map.of("media_id", upload(botId, part))));
          default -> message.putAll(Map.of("msgtype", "text", "text", Map.of("content", part.text())));
        }
        api.post(botId, "/cgi-bin/message/send", message);
      } catch (TransientDeliveryException e) {
        throw e;
      }
      outgoing.messageSent();
    }
    delivery.sent("wecom", System.nanoTime() - started);
  }

  /** The WeCom messages of a reply, in order: its text (as text or markdown pieces), then its media. */
  static List<Envelope.Part> messages(Envelope reply) {
    List<Envelope.Part> messages = new ArrayList<>();
    String text = reply.text();
    if (!text.isBlank()) {
      boolean markdown = MARKDOWN.matcher(text).find();
      for (String chunk : chunks(text, markdown ? MAX_MARKDOWN_BYTES : MAX_BYTES)) {
        messages.add(new Envelope.Part(markdown ? "markdown" : "text", chunk, null, null, null, null));
      }
    }
    for (Envelope.Part part : reply.data().parts()) {
      if (("image".equals(part.type()) || "file".equals(part.type())) && part.url() != null) {
        messages.add(part);
      }
    }
    return messages;
  }

  /**
   * The part's file: one of ours (a sandbox run's output) from the store, any other fetched through the guarded
   * client (its URL came from a reply, i.e. a model or a producer).
   */
  private String upload(String botId, Envelope.Part part) throws InterruptedException {
    Optional<LinkedFiles.LinkedFile> own = ownFiles.read(part.url());
    if (own.isPresent()) {
      return api.upload(botId, part.type(), own.get().name(), own.get().mimeType(), own.get().content());
    }
    GuardedHttpClient.Response media;
    try {
      media = http.get(part.url(), Map.of());
    } catch (OutboundRefusedException e) {
      if (e.transientFailure()) {
        throw new TransientDeliveryException("cannot fetch " + part.url() + ": " + e.getMessage(), e);
      }
      throw new PermanentDeliveryException("cannot fetch " + part.url() + ": " + e.getMessage());
    }
    if (media.status() != 200) {
      throw new PermanentDeliveryException("cannot fetch " + part.url() + ": HTTP " + media.status());
    }
    String path = media.uri().getPath() == null ? "" : media.uri().getPath();
    String name = part.name() != null ? part.name() : path.substring(path.lastIndexOf('/') + 1);
    String contentType = part.mimeType() != null ? part.mimeType() : media.contentType() != null ? media.contentType() : "application/octet-stream";
    return api.upload(botId, part.type(), name.isEmpty() ? "attachment" : name, contentType, media.body());
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
