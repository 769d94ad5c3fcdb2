package io.switchboard.pipeline;

import io.switchboard.envelope.Envelope;
import io.switchboard.store.Session;
import io.switchboard.store.StoredMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One event on its way through the pipeline: the body every stage reads and fills in. Stages run one after another
 * on one thread, so it needs no locking.
 */
public class Turn {

  private final Envelope event;
  private Session session;
  private List<StoredMessage> history = List.of();
  private String replyText;
  private String model;
  private Integer promptTokens;
  private Integer completionTokens;
  private final Map<String, Object> replyMeta = new LinkedHashMap<>();
  private boolean recorded = true;

  public Turn(Envelope event) {
    this.event = event;
  }

  public Envelope event() {
    return event;
  }

  public String text() {
    return event.text();
  }

  public Session session() {
    return session;
  }

  public void session(Session session) {
    this.session = session;
  }

  public List<StoredMessage> history() {
    return history;
  }

  public void history(List<StoredMessage> history) {
    this.history = new ArrayList<>(history);
  }

  public boolean answered() {
    return replyText != null;
  }

  public String replyText() {
    return replyText;
  }

  public void reply(String text) {
    this.replyText = text;
  }

  /** A reply produced by a model, with what it cost. */
  public void reply(String text, String model, Integer promptTokens, Integer completionTokens) {
    this.replyText = text;
    this.model = model;
    this.promptTokens = promptTokens;
    this.completionTokens = completionTokens;
  }

  public String model() {
    return model;
  }

  public Integer promptTokens() {
    return promptTokens;
  }

  public Integer completionTokens() {
    return completionTokens;
  }

  public Map<String, Object> replyMeta() {
    return replyMeta;
  }

  /** The reply is for the user only, not for the history the model sees (e.g. "this took too long"). */
  public void doNotRecord() {
    this.recorded = false;
  }

  public boolean recorded() {
    return recorded;
  }

  /** The dedupe key; used by the idempotent consumer in pipeline.camel.yaml. */
  public String dedupeKey() {
    return event.dedupeKey();
  }
}
