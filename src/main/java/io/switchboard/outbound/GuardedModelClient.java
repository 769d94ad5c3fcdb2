package io.switchboard.outbound;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.net.URI;
import java.time.Duration;

/**
 * langchain4j's HTTP client for model endpoints users bring ({@code key set <key> <baseUrl>}): each call is checked by
 * the {@link OutboundGuard} first, so an own-key base URL cannot make the server call a private address. (The shared,
 * operator-configured model is not steered by users and is not guarded: it may well be a local Ollama.)
 */
public class GuardedModelClient implements HttpClient {

  private final OutboundGuard guard;
  private final HttpClient delegate;

  GuardedModelClient(OutboundGuard guard, HttpClient delegate) {
    this.guard = guard;
    this.delegate = delegate;
  }

  /** A builder for {@code OpenAiChatModel.builder().httpClientBuilder(…)}. */
  public static HttpClientBuilder builder(OutboundGuard guard) {
    return new Builder(guard);
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    check(request);
    return delegate.execute(request);
  }

  @Override
  public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    try {
      check(request);
    } catch (HttpException refused) {
      listener.onError(refused);
      return;
    }
    delegate.execute(request, parser, listener);
  }

  private void check(HttpRequest request) {
    try {
      guard.check(URI.create(request.url()));
    } catch (OutboundRefusedException | IllegalArgumentException e) {
      throw new HttpException(403, "model endpoint " + e.getMessage());
    }
  }

  private static final class Builder implements HttpClientBuilder {
    private final OutboundGuard guard;
    private final JdkHttpClientBuilder jdk = JdkHttpClient.builder();

    Builder(OutboundGuard guard) {
      this.guard = guard;
    }

    @Override
    public Duration connectTimeout() {
      return jdk.connectTimeout();
    }

    @Override
    public HttpClientBuilder connectTimeout(Duration timeout) {
      jdk.connectTimeout(timeout);
      return this;
    }

    @Override
    public Duration readTimeout() {
      return jdk.readTimeout();
    }

    @Override
    public HttpClientBuilder readTimeout(Duration timeout) {
      jdk.readTimeout(timeout);
      return this;
    }

    @Override
    public HttpClient build() {
      return new GuardedModelClient(guard, jdk.build());
    }
  }
}
