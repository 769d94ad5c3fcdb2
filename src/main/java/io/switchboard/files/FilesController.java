package io.switchboard.files;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /files/<sha256>/<name>?type&expires&signature}: a stored file, for whoever holds a link Switchboard
 * made ({@link FileLinks}); public because platforms fetch these without an account, and refused (403, with the
 * reason) for a link that was altered or has expired. Always a download, never rendered on this origin.
 */
@RestController
class FilesController {

  private final StoredFiles files;
  private final FileLinks links;

  FilesController(StoredFiles files, FileLinks links) {
    this.files = files;
    this.links = links;
  }

  @GetMapping("/files/{sha256:[0-9a-f]{64}}/{name}")
  ResponseEntity<byte[]> download(@PathVariable String sha256, @PathVariable String name, @RequestParam String type,
      @RequestParam long expires, @RequestParam String signature) {
    Optional<String> refused = links.refusal(sha256, name, type, expires, signature);
    if (refused.isPresent()) {
      return error(HttpStatus.FORBIDDEN, refused.get());
    }
    Optional<byte[]> stored = files.content(sha256);
    if (stored.isEmpty()) {
      return error(HttpStatus.NOT_FOUND, "the file is not kept any more (files are kept for a limited time)");
    }
    byte[] content = stored.get();
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(mediaType(type));
    // a plain name as it is; any other as RFC 5987 UTF-8 (filename*), which every current browser reads
    boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(name);
    headers.setContentDisposition(ascii ? ContentDisposition.attachment().filename(name).build()
        : ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build());
    headers.set("X-Content-Type-Options", "nosniff");
    // code's output is not trusted: opened directly, it may run nothing on this origin
    headers.set("Content-Security-Policy", "sandbox; default-src 'none'");
    headers.setCacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate());
    return new ResponseEntity<>(content, headers, HttpStatus.OK);
  }

  /** The API's error shape ({@code {"status": 403, "error": "…"}}), without depending on the API's package. */
  private static ResponseEntity<byte[]> error(HttpStatus status, String reason) {
    String body = "{\"status\":" + status.value() + ",\"error\":\"" + reason.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body.getBytes(StandardCharsets.UTF_8));
  }

  private static MediaType mediaType(String type) {
    try {
      return MediaType.parseMediaType(type);
    } catch (RuntimeException e) {
      return MediaType.APPLICATION_OCTET_STREAM;
    }
  }
}
