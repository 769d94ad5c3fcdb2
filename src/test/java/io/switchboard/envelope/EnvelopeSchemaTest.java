package io.switchboard.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ValidationException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ingress validation: the shipped JSON Schema, through the same json-validator endpoint the ingress route uses. */
class EnvelopeSchemaTest {

  static CamelContext camel;
  static ProducerTemplate producer;

  static final String VALID =
      """
      {"specversion":"1.0","type":"message.received","source":"/telegram/tg1","id":"42","time":"2026-01-01T00:00:00Z",
       "subject":"telegram:tg1:-100123","datacontenttype":"application/json",
       "data":{"chat":{"type":"group","id":"-100123"},"sender":{"id":"7","name":"Ann"},
               "parts":[{"type":"text","text":"hi"},{"type":"image","url":"https://example.org/a.png"}],
               "chain":{"root":"42","parent":null,"depth":0},"meta":{"locale":"en"}}}
      """;

  @BeforeAll
  static void start() {
    camel = new DefaultCamelContext();
    camel.start();
    producer = camel.createProducerTemplate();
  }

  @AfterAll
  static void stop() {
    camel.stop();
  }

  @Test
  void aCompleteEventIsValid() {
    validate(VALID);
  }

  @Test
  void whatEachRuleRejects() {
    assertInvalid(VALID.replace("\"id\":\"42\",", ""), "id");
    assertInvalid(VALID.replace("\"specversion\":\"1.0\"", "\"specversion\":\"0.3\""), "specversion");
    assertInvalid(VALID.replace("telegram:tg1:-100123", "no-colons"), "subject");
    assertInvalid(VALID.replace("{\"type\":\"text\",\"text\":\"hi\"},", "{\"type\":\"text\"},"), "text");
    assertInvalid(VALID.replace("\"url\":\"https://example.org/a.png\"", "\"name\":\"a.png\""), "url");
    assertInvalid(VALID.replace("\"type\":\"group\"", "\"type\":\"channel\""), "type");
    assertInvalid(VALID.replace("\"depth\":0", "\"depth\":65"), "depth");
    assertInvalid("not json at all", "");
  }

  @Test
  void theCodecReadsWhatTheSchemaAccepts() {
    Envelope event = new EnvelopeCodec().decode(VALID);
    assertThat(event.conversation()).isEqualTo(new ConversationKey("telegram", "tg1", "-100123"));
    assertThat(event.text()).isEqualTo("hi");
    assertThat(event.dedupeKey()).isEqualTo("/telegram/tg1|42");
    assertThat(event.meta("locale")).isEqualTo("en");
    // and writes what it accepts
    validate(new EnvelopeCodec().encode(event));
  }

  private static void validate(String json) {
    producer.sendBody("json-validator:classpath:schema/envelope.schema.json", json);
  }

  private static void assertInvalid(String json, String mentioned) {
    assertThatThrownBy(() -> validate(json))
        .isInstanceOf(CamelExecutionException.class)
        .cause()
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(mentioned);
  }
}
