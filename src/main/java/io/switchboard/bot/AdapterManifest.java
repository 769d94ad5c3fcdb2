package io.switchboard.bot;

import java.util.List;

/**
 * What an adapter declares in {@code adapters/<platform>/manifest.yaml}: its config fields, the modes it connects in,
 * and the events it produces. Bots are validated against it at start-up; {@code switchboard init} offers its fields.
 */
public record AdapterManifest(
    String adapter, String title, String description, List<String> modes, List<String> events, List<Field> fields) {

  /** Field types a manifest may use. */
  public enum Type {
    string,
    url,
    integer,
    bool
  }

  public record Field(String name, Type type, boolean required, boolean secret, String description, String defaultValue) {}

  public List<Field> fields() {
    return fields == null ? List.of() : fields;
  }
}
