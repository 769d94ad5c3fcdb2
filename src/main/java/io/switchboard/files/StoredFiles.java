package io.switchboard.files;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * File contents by SHA-256, in the database every instance shares: stored once however often they are produced, and
 * removed {@code switchboard.files.retention} after they were last stored.
 */
@Component
public class StoredFiles {

  private final JdbcClient jdbc;

  public StoredFiles(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores the content (again: its age starts over) and returns the reference a reply carries. */
  public FileRef store(String name, String mimeType, byte[] content) {
    String sha256 = sha256(content);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    if (jdbc.sql("UPDATE stored_files SET stored_at = ? WHERE sha256 = ?").params(now, sha256).update() == 0) {
      try {
        jdbc.sql("INSERT INTO stored_files (sha256, size_bytes, content, stored_at) VALUES (?, ?, ?, ?)")
            .params(sha256, content.length, content, now)
            .update();
      } catch (DuplicateKeyException sameContentMeanwhile) {
        // another call stored the same bytes a moment ago
      }
    }
    return new FileRef(name, mimeType, sha256, content.length);
  }

  public Optional<byte[]> content(String sha256) {
    return jdbc.sql("SELECT content FROM stored_files WHERE sha256 = ?").param(sha256).query((rs, n) -> rs.getBytes(1)).optional();
  }

  /**
   * Removes the files stored longer ago than the retention; returns how many.
   *
   * @param retention in Spring's duration syntax ({@code 7d}, {@code 12h}), as configured
   */
  public int removeOlderThan(String retention) {
    Duration kept = DurationStyle.detectAndParse(retention);
    return jdbc.sql("DELETE FROM stored_files WHERE stored_at < ?").param(OffsetDateTime.now(ZoneOffset.UTC).minus(kept)).update();
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
