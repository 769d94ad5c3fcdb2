package io.switchboard.runner;

import java.util.ArrayList;
import java.util.List;

/**
 * A text/event-stream body split into its events, as the SSE specification reads it: lines {@code event:} and
 * {@code data:} (several data lines joined by newlines), comments ({@code :}) skipped, a blank line ending an event,
 * LF or CRLF. Dify puts the event's name inside its JSON data; Coze sends {@code event:} lines.
 */
final class ServerSentEvents {

  /** One event: its name ({@code message} when the stream names none) and its data. */
  record Event(String name, String data) {}

  private ServerSentEvents() {}

  static List<Event> parse(String body) {
    List<Event> events = new ArrayList<>();
    String name = null;
    StringBuilder data = null;
    for (String line : (body + "\n\n").split("\r?\n", -1)) {
      if (line.isEmpty()) {
        if (data != null) {
          events.add(new Event(name == null ? "message" : name, data.toString()));
        }
        name = null;
        data = null;
      } else if (line.startsWith(":")) {
        continue;
      } else {
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
    return events;
  }
}
