package io.switchboard.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Operators edit the route files in Kaoto and the VS Code Camel tooling: each must be valid against the Camel YAML
 * DSL schema those tools use (shipped in camel-yaml-dsl), and each route, template and configuration has an id.
 */
class RouteFilesTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final JsonSchema CAMEL_YAML_DSL = camelYamlDslSchema();

  static Stream<Path> routeFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path root : List.of(Path.of("src/main/resources/routes"), Path.of("adapters"))) {
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().forEach(files::add);
      }
    }
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("routeFiles")
  void isValidCamelYamlDsl(Path file) throws IOException {
    Set<ValidationMessage> errors = CAMEL_YAML_DSL.validate(read(file));
    assertThat(errors).as(file + " against the Camel YAML DSL schema").isEmpty();
  }

  @ParameterizedTest
  @MethodSource("routeFiles")
  void everyRouteTemplateAndConfigurationHasAnId(Path file) throws IOException {
    for (JsonNode element : read(file)) {
      String kind = element.fieldNames().next();
      if (kind.equals("beans")) {
        continue; // beans have names
      }
      JsonNode definition = element.get(kind);
      assertThat(definition.path("id").asText()).as(kind + " in " + file + " has an id").isNotBlank();
    }
  }

  @Test
  void thePipelineNestsAtMostTwoLevels() throws IOException {
    for (JsonNode element : read(Path.of("src/main/resources/routes/pipeline.camel.yaml"))) {
      JsonNode steps = element.path("route").path("from").path("steps");
      assertThat(depth(steps)).as(element.path("route").path("id").asText()).isLessThanOrEqualTo(2);
    }
  }

  /** Levels of {@code steps} below a route's own steps (a filter's steps are one, a choice's when-steps one). */
  static int depth(JsonNode steps) {
    int deepest = 0;
    for (JsonNode step : steps) {
      JsonNode definition = step.elements().next();
      List<JsonNode> children = new ArrayList<>();
      definition.path("steps").forEach(children::add);
      definition.path("when").forEach(when -> when.path("steps").forEach(children::add));
      definition.path("otherwise").path("steps").forEach(children::add);
      if (!children.isEmpty()) {
        deepest = Math.max(deepest, 1 + depth(JSON.valueToTree(children)));
      }
    }
    return deepest;
  }

  static JsonNode read(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file)) {
      List<Map<String, Object>> yaml = new Yaml().load(in);
      return JSON.valueToTree(yaml);
    }
  }

  static JsonSchema camelYamlDslSchema() {
    try (InputStream in = RouteFilesTest.class.getResourceAsStream("/schema/camelYamlDsl.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
