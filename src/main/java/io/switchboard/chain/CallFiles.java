package io.switchboard.chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.envelope.Envelope;
import io.switchboard.files.FileLinks;
import io.switchboard.files.FileRef;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The files a chain's calls produced (a sandbox run's outputs): kept with each call as JSON, and attached to the
 * chain's answer as parts with signed links.
 */
@Component
public class CallFiles {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<FileRef>> LIST = new TypeReference<>() {};

  private final FileLinks links;

  public CallFiles(FileLinks links) {
    this.links = links;
  }

  /** The answer's parts for the files of these calls, in the calls' order. */
  public List<Envelope.Part> parts(List<ChainStore.Call> calls) {
    return calls.stream().flatMap(call -> of(call).stream()).map(links::part).toList();
  }

  static List<FileRef> of(ChainStore.Call call) {
    if (call.files() == null || call.files().isBlank()) {
      return List.of();
    }
    try {
      return JSON.readValue(call.files(), LIST);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("tool call " + call.id() + " has unreadable files", e);
    }
  }

  static String toJson(List<FileRef> files) {
    if (files.isEmpty()) {
      return null;
    }
    try {
      return JSON.writeValueAsString(files);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
