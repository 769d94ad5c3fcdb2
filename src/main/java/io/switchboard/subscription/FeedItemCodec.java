package io.switchboard.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.springframework.stereotype.Component;

/** Feed items to and from CloudEvents structured JSON. */
@Component
public class FeedItemCodec {

  // absent fields are left out, not written as null: the schema (and other consumers) expect strings or nothing
  private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

  public FeedItem decode(String json) {
    try {
      return mapper.readValue(json, FeedItem.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a feed item: " + e.getOriginalMessage(), e);
    }
  }

  public String encode(FeedItem item) {
    try {
      return mapper.writeValueAsString(item);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode feed item " + item.id(), e);
    }
  }
}
