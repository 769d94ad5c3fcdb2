package io.switchboard.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
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

  /** A request whose body was read (within the limit) and is served again from memory. */
  private static final class BufferedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    BufferedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body is already read");
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
