package io.switchboard.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import org.junit.jupiter.api.Test;

/** A tool's JSON Schema as langchain4j offers it to the model, and the arguments a model sends. */
class ToolSchemasTest {

  final ObjectMapper json = new ObjectMapper();

  @Test
  void aJsonSchemaBecomesTheToolSpecificationTheModelSees() throws Exception {
    ObjectNode schema = (ObjectNode) json.readTree("""
        {"type":"object","properties":{"city":{"type":"string","description":"where"},"days":{"type":"integer"},
         "unit":{"enum":["C","F"]}},"required":["city"]}""");
    ToolSpecification spec = ToolSchemas.specification(new ToolDefinition("weather", "the forecast", schema, false, ToolDefinition.HTTP));
    assertThat(spec.name()).isEqualTo("weather");
    assertThat(spec.parameters().required()).containsExactly("city");
    assertThat(spec.parameters().properties().get("days")).isInstanceOf(JsonIntegerSchema.class);
    assertThat(((JsonEnumSchema) spec.parameters().properties().get("unit")).enumValues()).containsExactly("C", "F");
  }

  @Test
  void emptyOptionalArgumentsAreDroppedAndRequiredOnesKept() throws Exception {
    ObjectNode schema = (ObjectNode) json.readTree("{\"type\":\"object\",\"required\":[\"city\"]}");
    ObjectNode arguments = (ObjectNode) json.readTree("{\"city\":\"\",\"days\":null,\"unit\":\"\",\"tags\":[],\"q\":\"x\"}");
    assertThat(ToolSchemas.withoutEmptyOptionals(arguments, schema).toString()).isEqualTo("{\"city\":\"\",\"q\":\"x\"}");
  }

  @Test
  void agentPatternsMatchNamesAndPrefixes() {
    assertThat(ToolSettings.matches("github.*", "github.search")).isTrue();
    assertThat(ToolSettings.matches("github.*", "gitlab.search")).isFalse();
    assertThat(ToolSettings.matches("*", "anything")).isTrue();
    assertThat(ToolSettings.matches("fetch_url", "fetch_url_2")).isFalse();
  }
}
