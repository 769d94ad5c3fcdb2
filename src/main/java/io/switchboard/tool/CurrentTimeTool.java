package io.switchboard.tool;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Built-in {@code current_time}: the date and time now, in a time zone the model names (UTC by default). */
@Component
public class CurrentTimeTool implements Tool {

  static final ObjectMapper JSON = new ObjectMapper();

  private final Clock clock;

  @Autowired
  public CurrentTimeTool() {
    this(Clock.systemUTC());
  }

  CurrentTimeTool(Clock clock) {
    this.clock = clock;
  }

  @Override
  public ToolDefinition definition() {
    ObjectNode schema = JSON.createObjectNode().put("type", "object");
    schema.putObject("properties").putObject("timezone").put("type", "string")
        .put("description", "An IANA time zone such as Europe/Paris or Asia/Shanghai; UTC when left out");
    return new ToolDefinition("current_time", "The current date, time and weekday", schema, false, ToolDefinition.BUILT_IN);
  }

  @Override
  public String call(ObjectNode arguments, ToolContext context) throws ToolFailure {
    String zone = arguments.path("timezone").asText("UTC");
    try {
      ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneId.of(zone)));
      return now.format(DateTimeFormatter.ofPattern("EEEE yyyy-MM-dd HH:mm:ss xxx '['VV']'", java.util.Locale.ENGLISH));
    } catch (DateTimeException e) {
      throw new ToolFailure("unknown time zone '" + zone + "'; use an IANA name such as Europe/Paris");
    }
  }
}
