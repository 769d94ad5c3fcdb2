package io.switchboard.files;

import io.switchboard.config.SecretFiles;
import io.switchboard.config.SwitchboardProperties;
import io.switchboard.envelope.Envelope;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Signed links to stored files: {@code /files/<sha256>/<name>?type=<mime>&expires=<epoch s>&signature=<HMAC-SHA256>}.
 * The signature covers the hash, the name, the type and the expiry, so a link opens exactly one file, under the name
 * and type it was made with, until it expires. The key is {@code switchboard.files.link-secret}, or one generated into
 * {@code <data-dir>/files-link-secret}; instances behind one address must share it.
 */
@Component
public class FileLinks {

  static final String GENERATED_FILE = "files-link-secret";
  private static final Pattern LINK = Pattern.compile("^(.*)/files/([0-9a-f]{64})/([^/?]+)\\?type=([^&]+)&expires=(\\d+)&signature=([A-Za-z0-9_-]+)$");

  private final SecretKeySpec key;
  private final String publicUrl;
  private final Duration ttl;
  private final Clock clock;

  @Autowired
  public FileLinks(@Value("${switchboard.files.link-secret:}") String secret, @Value("${switchboard.files.public-url:}") String publicUrl,
      @Value("${switchboard.files.link-ttl:7d}") Duration ttl, SwitchboardProperties properties) {
    this(secret == null || secret.isBlank() ? SecretFiles.readOrCreate(properties.dataDir().resolve(GENERATED_FILE).toAbsolutePath()) : secret,
        publicUrl, ttl, Clock.systemUTC());
  }

  FileLinks(String secret, String publicUrl, Duration ttl, Clock clock) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    this.publicUrl = publicUrl == null ? "" : publicUrl.strip().replaceAll("/+$", "");
    this.ttl = ttl;
    this.clock = clock;
  }

  /** The reply part for a stored file: an image for the types chat clients show inline, a file otherwise. */
  public Envelope.Part part(FileRef file) {
    String type = file.mimeType().startsWith("image/") && !file.mimeType().contains("svg") ? "image" : "file";
    return new Envelope.Part(type, null, link(file), file.mimeType(), file.name(), file.sha256());
  }

  /** A link valid for the configured time, absolute when {@code switchboard.files.public-url} is set. */
  public String link(FileRef file) {
    long expires = clock.instant().plus(ttl).getEpochSecond();
    return publicUrl + "/files/" + file.sha256() + "/" + encode(file.name()) + "?type=" + encode(file.mimeType()) + "&expires=" + expires
        + "&signature=" + signature(file.sha256(), file.name(), file.mimeType(), expires);
  }

  /** Why a link's parameters do not open the file, or empty when they do. */
  public Optional<String> refusal(String sha256, String name, String mimeType, long expires, String signature) {
    if (signature == null || !MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
        signature(sha256, name, mimeType, expires).getBytes(StandardCharsets.US_ASCII))) {
      return Optional.of("the link's signature does not match");
    }
    if (clock.instant().getEpochSecond() > expires) {
      return Optional.of("the link expired");
    }
    return Optional.empty();
  }

  /** The file a link of ours names (for senders that upload it rather than pass the link on), if it is one and valid. */
  public Optional<FileRef> resolve(String url) {
    Matcher link = url == null ? null : LINK.matcher(url);
    if (link == null || !link.matches() || !link.group(1).equals(publicUrl)) {
      return Optional.empty();
    }
    String name = decode(link.group(3));
    String type = decode(link.group(4));
    long expires = Long.parseLong(link.group(5));
    if (refusal(link.group(2), name, type, expires, link.group(6)).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(new FileRef(name, type, link.group(2), -1));
  }

  private String signature(String sha256, String name, String mimeType, long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal((sha256 + "\n" + name + "\n" + mimeType + "\n" + expires).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
