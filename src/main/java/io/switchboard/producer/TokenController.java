package io.switchboard.producer;

import io.switchboard.api.ApiError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/tokens}: producer tokens over HTTP, for operators holding {@code switchboard.producers.admin-token}
 * (without it configured, token management is CLI-only and this answers 403).
 */
@RestController
@RequestMapping("/api/v1/tokens")
public class TokenController {

  record CreateToken(String name, List<String> scopes) {}

  private final ApiTokens tokens;
  private final String adminToken;

  public TokenController(ApiTokens tokens, @Value("${switchboard.producers.admin-token:}") String adminToken) {
    this.tokens = tokens;
    this.adminToken = adminToken;
  }

  @GetMapping
  public List<Map<String, Object>> list(@RequestHeader(value = "Authorization", required = false) String authorization) {
    authorize(authorization);
    return tokens.all().stream().map(TokenController::view).toList();
  }

  @PostMapping
  public ResponseEntity<Map<String, Object>> create(@RequestHeader(value = "Authorization", required = false) String authorization,
      @RequestBody CreateToken request) {
    authorize(authorization);
    try {
      ApiTokens.Created created = tokens.create(request.name(), request.scopes());
      Map<String, Object> body = view(created.token());
      body.put("token", created.plaintext()); // shown this once
      return ResponseEntity.status(HttpStatus.CREATED).body(body);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  @DeleteMapping("/{name}")
  public ResponseEntity<Void> revoke(@RequestHeader(value = "Authorization", required = false) String authorization, @PathVariable String name) {
    authorize(authorization);
    if (!tokens.revoke(name)) {
      throw ApiError.notFound("active token '" + name + "'");
    }
    return ResponseEntity.noContent().build();
  }

  private void authorize(String authorization) {
    if (adminToken == null || adminToken.isBlank()) {
      throw new ApiError(HttpStatus.FORBIDDEN, "token management over HTTP is off (set switchboard.producers.admin-token); use: switchboard token");
    }
    String given = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).strip() : "";
    if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), adminToken.getBytes(StandardCharsets.UTF_8))) {
      throw new ApiError(HttpStatus.UNAUTHORIZED, "Authorization: Bearer <switchboard.producers.admin-token> is required");
    }
  }

  private static Map<String, Object> view(ApiTokens.Token token) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", token.name());
    view.put("scopes", token.scopes());
    view.put("createdAt", token.createdAt().toString());
    view.put("revokedAt", token.revokedAt() == null ? null : token.revokedAt().toString());
    return view;
  }
}
