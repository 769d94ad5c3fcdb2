package io.switchboard.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The largest request body accepted, enforced before anything reads it: webhooks ({@code /webhooks/…},
 * {@code switchboard.http.max-webhook-body}, 1 MiB) and everything else ({@code switchboard.http.max-api-body},
 * 256 KiB). A declared {@code Content-Length} over the limit is refused unread; a body without one (chunked) is read
 * up to the limit and refused the moment it passes it. Either way: 413 in the API's JSON shape, and at most the limit
 * held in memory per request.
 */
public class RequestBodyLimit extends OncePerRequestFilter {

  private final long webhookLimit;
  private final long apiLimit;

  public RequestBodyLimit(long webhookLimit, long apiLimit) {
    this.webhookLimit = webhookLimit;
    this.apiLimit = apiLimit;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
    long limit = request.getRequestURI().startsWith("/webhooks/") ? webhookLimit : apiLimit;
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      refuse(response, limit);
      return;
    }
    if (declared >= 0) {
      chain.doFilter(request, response); // the container reads no more than the declared length
      return;
    }
    byte[] body = readAtMost(request.getInputStream(), limit);
    if (body == null) {
      refuse(response, limit);
      return;
    }
    chain.doFilter(new BufferedBody(request, body), response);
  }

  private static void refuse(HttpServletResponse response, long limit) throws IOException {
    response.setHeader("Connection", "close");
    JsonErrors.write(response, 413, "the request body is over " + limit + " bytes");
  }

  /** The body, or null as soon as it is longer than {@code limit}. */
  static byte[] readAtMost(InputStream in, long limit) throws IOException {
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    return bytes.length > limit ? null : bytes;
  }
}
