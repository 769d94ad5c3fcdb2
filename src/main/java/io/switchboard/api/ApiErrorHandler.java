package io.switchboard.api;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/** Every API error is JSON: {@code {"status": 400, "error": "reason"}}. */
@RestControllerAdvice
class ApiErrorHandler {

  @ExceptionHandler(ResponseStatusException.class)
  ResponseEntity<Map<String, Object>> status(ResponseStatusException e) {
    ResponseEntity<Map<String, Object>> response = body(e.getStatusCode(), e.getReason());
    if (e.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
      return ResponseEntity.status(response.getStatusCode()).header("Retry-After", "1").body(response.getBody());
    }
    return response;
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    return body(HttpStatus.BAD_REQUEST, "the request body is not valid JSON of the expected shape");
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
    return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send Content-Type: application/json");
  }

  private static ResponseEntity<Map<String, Object>> body(HttpStatusCode status, String reason) {
    return ResponseEntity.status(status).body(Map.of("status", status.value(), "error", reason == null ? "error" : reason));
  }
}
