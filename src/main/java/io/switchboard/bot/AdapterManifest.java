package io.switchboard.bot;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What an adapter declares in {@code adapters/<platform>/manifest.yaml}: its config fields, the modes it connects in,
 * the events it produces, and what its platform can show ({@code capabilities}: {@value #STREAM} for answers shown
 * as they are written). Bots are validated against it at start-up; {@code switchboard init} offers its fields.
 */
public record AdapterManifest(
    String adapter, String title, String description, List<String> modes, List<String> events, List<String> capabilities, List<Field> fields) {

  /** The platform shows an answer as it is written: the sink hands partial replies to the adapter's sender. */
  public static final String STREAM = "stream";

  public boolean can(String capability) {
    return capabilities != null && capabilities.contains(capability);
  }

  /** Field types a manifest may use. */
  public enum Type {
    string,
    url,
    integer,
    bool
  }

  /**
   * One config field. {@code requiredIn}: modes in which it is required although {@code required} is false;
   * {@code pattern}: a regular expression the whole value must match.
   */
  public record Field(
      String name,
      Type type,
      boolean required,
      boolean secret,
      String description,
      String defaultValue,
      @JsonProperty("required-in") List<String> requiredIn,
      String pattern) {

    public boolean requiredIn(String mode) {
      return required || (requiredIn != null && requiredIn.contains(mode));
    }
  }

  public List<Field> fields() {
    return fields == null ? List.of() : fields;
  }
}
