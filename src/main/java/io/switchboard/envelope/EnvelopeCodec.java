package io.switchboard.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.springframework.stereotype.Component;

/** Envelope to and from CloudEvents structured JSON. */
@Component
public class EnvelopeCodec {

  private final ObjectMapper mapper =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public Envelope decode(String json) {
    try {
      return mapper.readValue(json, Envelope.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not a Switchboard CloudEvent: " + e.getOriginalMessage(), e);
    }
  }

  public String encode(Envelope envelope) {
    try {
      return mapper.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot encode event " + envelope.id(), e);
    }
  }
}
