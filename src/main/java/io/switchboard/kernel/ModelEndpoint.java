package io.switchboard.kernel;

/** An OpenAI-compatible endpoint a user brought: where, with which key, which model (null: the configured one). */
public record ModelEndpoint(String baseUrl, String apiKey, String model) {

  @Override
  public String toString() { // never print the key
    return "ModelEndpoint[baseUrl=" + baseUrl + ", model=" + model + "]";
  }
}
