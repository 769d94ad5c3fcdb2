package io.switchboard.outbound;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body (RFC 7578) for the platforms' upload APIs: text fields and files, in order.
 * The JDK's HTTP client has no such publisher; this is the part of one the senders need.
 */
public final class MultipartForm {

  private final String boundary = "switchboard-" + UUID.randomUUID();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  public MultipartForm field(String name, String value) {
    part("form-data; name=\"" + quoted(name) + "\"", null, value.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** A file; {@code extraDisposition} is appended to its Content-Disposition (WeCom wants {@code filelength=N}). */
  public MultipartForm file(String name, String filename, String contentType, byte[] content, String extraDisposition) {
    String disposition = "form-data; name=\"" + quoted(name) + "\"; filename=\"" + quoted(filename) + "\""
        + (extraDisposition == null || extraDisposition.isBlank() ? "" : "; " + extraDisposition);
    part(disposition, contentType == null ? "application/octet-stream" : contentType, content);
    return this;
  }

  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  public byte[] bytes() {
    byte[] parts = body.toByteArray();
    byte[] end = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[parts.length + end.length];
    System.arraycopy(parts, 0, all, 0, parts.length);
    System.arraycopy(end, 0, all, parts.length, end.length);
    return all;
  }

  private void part(String disposition, String contentType, byte[] content) {
    StringBuilder head = new StringBuilder("--").append(boundary).append("\r\nContent-Disposition: ").append(disposition).append("\r\n");
    if (contentType != null) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
    }
    body.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
  }

  /** Quotes and line breaks would end the header's value early: they are left out of names. */
  private static String quoted(String value) {
    return value.replace("\"", "").replace("\r", "").replace("\n", "");
  }
}
