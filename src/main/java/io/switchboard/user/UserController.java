package io.switchboard.user;

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

/**
 * {@code /api/v1/users}: API users for the operator (the security configuration checks who calls), the HTTP twin of
 * {@code switchboard user create|list|rotate|revoke}. A key is in the answer of create and rotate, and nowhere else.
 */
@RestController
@RequestMapping("/api/v1/users")
class UserController {

  record CreateUser(String name, Boolean admin) {}

  private final ApiUsers users;

  UserController(ApiUsers users) {
    this.users = users;
  }

  @GetMapping
  List<Map<String, Object>> list() {
    return users.all().stream().map(UserController::view).toList();
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> create(@RequestBody CreateUser request) {
    try {
      ApiUsers.Created created = users.create(request.name(), Boolean.TRUE.equals(request.admin()));
      return ResponseEntity.status(HttpStatus.CREATED).body(withKey(created));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  @PostMapping("/{name}/key")
  Map<String, Object> rotate(@PathVariable String name) {
    return users.rotate(name).map(UserController::withKey).orElseThrow(() -> ApiError.notFound("active user '" + name + "'"));
  }

  @DeleteMapping("/{name}")
  ResponseEntity<Void> revoke(@PathVariable String name) {
    if (!users.revoke(name)) {
      throw ApiError.notFound("active user '" + name + "'");
    }
    return ResponseEntity.noContent().build();
  }

  private static Map<String, Object> withKey(ApiUsers.Created created) {
    Map<String, Object> body = view(created.user());
    body.put("key", created.key());
    return body;
  }

  private static Map<String, Object> view(ApiUsers.User user) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", user.name());
    view.put("admin", user.admin());
    view.put("createdAt", user.createdAt().toString());
    view.put("revokedAt", user.revokedAt() == null ? null : user.revokedAt().toString());
    return view;
  }
}
