package io.switchboard.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A text/event-stream body split into its events, as the SSE specification reads it: lines {@code event:} and
 * {@code data:} (several data lines joined by newlines), comments ({@code :}) skipped, a blank line ending an event,
 * LF or CRLF. Dify puts the event's name inside its JSON data; Coze sends {@code event:} lines.
 */
final class ServerSentEvents {

  /** One event: its name ({@code message} when the stream names none) and its data. */
  record Event(String name, String data) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private ServerSentEvents() {}

  static List<Event> parse(String body) {
    List<Event> events = new ArrayList<>();
    Reader reader = new Reader(events::add);
    for (String line : (body + "\n\n").split("\r?\n", -1)) {
      reader.line(line);
    }
    return events;
  }

  /** An event's data as a JSON object; an empty one when it is not (a piece shown is never worth a failure). */
  static JsonNode json(Event event) {
    try {
      JsonNode data = JSON.readTree(event.data());
      return data != null && data.isObject() ? data : JSON.createObjectNode();
    } catch (IOException notJson) {
      return JSON.createObjectNode();
    }
  }

  /** The same reading a line at a time, as a stream arrives: each event goes to {@code each} once its blank line came. */
  static final class Reader {

    private final Consumer<Event> each;
    private String name;
    private StringBuilder data;

    Reader(Consumer<Event> each) {
      this.each = each;
    }

    void line(String line) {
      if (line.isEmpty()) {
        if (data != null) {
          each.accept(new Event(name == null ? "message" : name, data.toString()));
        }
        name = null;
        data = null;
      } else if (!line.startsWith(":")) {
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        value = value.startsWith(" ") ? value.substring(1) : value;
        if (field.equals("event")) {
          name = value;
        } else if (field.equals("data")) {
          data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        }
      }
    }
  }
}
