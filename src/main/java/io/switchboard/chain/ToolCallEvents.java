package io.switchboard.chain;

import io.switchboard.envelope.Envelope;
import io.switchboard.envelope.Envelopes;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The events of a chain. A call is a child of the event that led the model to ask for it (the user's message, or the
 * previous call's result), one level deeper; its completion goes back to the same conversation, so it lands in the
 * conversation's shard and keeps its order.
 */
public final class ToolCallEvents {

  /** Where chain events say they come from. */
  public static final String SOURCE = "/switchboard/tools";
  /** Meta: the call's id ({@code <chain>:<step>:<position>}). */
  public static final String META_CALL = "call";
  /** Meta: the tool's name. */
  public static final String META_TOOL = "tool";

  private ToolCallEvents() {}

  public static Envelope requested(Envelope parent, String chainId, ChainStore.Call call, int depth) {
    return event(Envelope.TOOL_CALL_REQUESTED, call.id(), parent, new Envelope.Chain(chainId, parent.id(), depth), call);
  }

  public static Envelope completed(Envelope requested, ChainStore.Call call) {
    return event(Envelope.TOOL_CALL_COMPLETED, call.id() + ":done", requested, requested.data().chain(), call);
  }

  private static Envelope event(String type, String id, Envelope from, Envelope.Chain chain, ChainStore.Call call) {
    Map<String, Object> meta = new java.util.HashMap<>(Map.of(META_CALL, call.id(), META_TOOL, call.tool()));
    for (String carried : List.of("locale", Envelopes.META_STREAM)) { // the user's language, and whether they watch the answer
      Object value = from.meta(carried);
      if (value != null) {
        meta.put(carried, value);
      }
    }
    return new Envelope(Envelope.SPEC_VERSION, type, SOURCE, id, OffsetDateTime.now(ZoneOffset.UTC), from.subject(), Envelope.CONTENT_TYPE,
        new Envelope.Data(from.data().chat(), from.data().sender(), List.of(Envelope.Part.text(call.tool())), chain, meta));
  }
}
