package io.switchboard.bot;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.Yaml;

/** The manifests of all packaged adapters ({@code classpath:adapters/<platform>/manifest.yaml}). */
@Component
public class AdapterManifests {

  private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Map<String, AdapterManifest> byAdapter = new TreeMap<>();

  public AdapterManifests() {
    try {
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:adapters/*/manifest.yaml")) {
        AdapterManifest manifest = parse(resource);
        byAdapter.put(manifest.adapter(), manifest);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the adapter manifests", e);
    }
  }

  static AdapterManifest parse(Resource resource) throws IOException {
    try (InputStream in = resource.getInputStream()) {
      Map<String, Object> yaml = new Yaml().load(in);
      // the YAML key "default" maps to defaultValue
      List<Map<String, Object>> fields = new ArrayList<>();
      Object raw = yaml.get("fields");
      if (raw instanceof List<?> list) {
        for (Object field : list) {
          @SuppressWarnings("unchecked")
          Map<String, Object> copy = new TreeMap<>((Map<String, Object>) field);
          if (copy.containsKey("default")) {
            copy.put("defaultValue", String.valueOf(copy.remove("default")));
          }
          fields.add(copy);
        }
      }
      yaml.put("fields", fields);
      return JSON.convertValue(yaml, AdapterManifest.class);
    }
  }

  public Optional<AdapterManifest> find(String adapter) {
    return Optional.ofNullable(byAdapter.get(adapter));
  }

  public List<AdapterManifest> all() {
    return List.copyOf(byAdapter.values());
  }
}
