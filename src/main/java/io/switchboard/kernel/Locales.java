package io.switchboard.kernel;

import io.switchboard.envelope.Envelope;
import java.util.Locale;

/** The language to answer in: the event's {@code meta.locale} when a channel knows it, else English. */
public final class Locales {

  private Locales() {}

  public static Locale of(Envelope event) {
    Object tag = event.meta("locale");
    return tag instanceof String s && !s.isBlank() ? Locale.forLanguageTag(s) : Locale.ENGLISH;
  }
}
