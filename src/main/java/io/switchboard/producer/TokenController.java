package io.switchboard.producer;

import io.switchboard.api.ApiError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/tokens}: producer tokens over HTTP, for the operator (the security configuration checks who calls). */
@RestController
@RequestMapping("/api/v1/tokens")
public class TokenController {

  record CreateToken(String name, List<String> scopes) {}

  private final ApiTokens tokens;

  public TokenController(ApiTokens tokens) {
    this.tokens = tokens;
  }

  @GetMapping
  public List<Map<String, Object>> list() {
    return tokens.all().stream().map(TokenController::view).toList();
  }

  @PostMapping
  public ResponseEntity<Map<String, Object>> create(@RequestBody CreateToken request) {
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
  public ResponseEntity<Void> revoke(@PathVariable String name) {
    if (!tokens.revoke(name)) {
      throw ApiError.notFound("active token '" + name + "'");
    }
    return ResponseEntity.noContent().build();
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
