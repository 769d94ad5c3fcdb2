package io.switchboard.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Between the JSON Schema a tool declares and langchain4j's tool specification, and the arguments a model sends. */
public final class ToolSchemas {

  private ToolSchemas() {}

  public static ToolSpecification specification(ToolDefinition tool) {
    return ToolSpecification.builder()
        .name(ToolNames.forModel(tool.name()))
        .description(tool.description())
        .parameters(object(tool.parameters()))
        .build();
  }

  static JsonObjectSchema object(JsonNode schema) {
    JsonObjectSchema.Builder builder = JsonObjectSchema.builder().description(text(schema, "description"));
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      builder.addProperty(property.getKey(), element(property.getValue()));
    }
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(name -> required.add(name.asText()));
    if (!required.isEmpty()) {
      builder.required(required);
    }
    return builder.build();
  }

  static JsonSchemaElement element(JsonNode schema) {
    String description = text(schema, "description");
    if (schema.has("enum")) {
      List<String> values = new ArrayList<>();
      schema.get("enum").forEach(v -> values.add(v.asText()));
      return JsonEnumSchema.builder().enumValues(values).description(description).build();
    }
    if (schema.has("anyOf")) {
      List<JsonSchemaElement> options = new ArrayList<>();
      schema.get("anyOf").forEach(option -> options.add(element(option)));
      return JsonAnyOfSchema.builder().anyOf(options).description(description).build();
    }
    return switch (schema.path("type").asText("string")) {
      case "integer" -> JsonIntegerSchema.builder().description(description).build();
      case "number" -> JsonNumberSchema.builder().description(description).build();
      case "boolean" -> JsonBooleanSchema.builder().description(description).build();
      case "array" -> JsonArraySchema.builder().items(element(schema.path("items"))).description(description).build();
      case "object" -> object(schema);
      default -> JsonStringSchema.builder().description(description).build();
    };
  }

  /**
   * Models often send optional arguments empty ({@code ""}, {@code null}, {@code []}) rather than leaving them out;
   * a tool gets them left out, so that its own defaults apply. Required arguments are kept whatever they hold.
   */
  public static ObjectNode withoutEmptyOptionals(ObjectNode arguments, JsonNode schema) {
    Set<String> required = new HashSet<>();
    schema.path("required").forEach(name -> required.add(name.asText()));
    ObjectNode cleaned = arguments.deepCopy();
    for (Iterator<Map.Entry<String, JsonNode>> it = cleaned.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> argument = it.next();
      JsonNode value = argument.getValue();
      boolean empty = value.isNull() || (value.isTextual() && value.asText().isBlank()) || (value.isContainerNode() && value.isEmpty());
      if (empty && !required.contains(argument.getKey())) {
        it.remove();
      }
    }
    return cleaned;
  }

  private static String text(JsonNode schema, String field) {
    JsonNode value = schema.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
