package io.switchboard.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/**
 * Every API error is JSON: {@code {"status": 400, "error": "reason"}}. Reasons are written for the caller; an
 * exception's own text (SQL, a stack trace) never reaches them: an unexpected failure is a 500 with a reference that
 * is logged, in one line, beside the exception.
 */
@RestControllerAdvice
class ApiErrorHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

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

  @ExceptionHandler(TypeMismatchException.class)
  ResponseEntity<Map<String, Object>> typeMismatch(TypeMismatchException e) {
    return body(HttpStatus.BAD_REQUEST, (e.getPropertyName() == null ? "a parameter" : e.getPropertyName()) + " has the wrong type");
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, Object>> unexpected(Exception e) {
    if (e instanceof ErrorResponse framework) {
      // Spring MVC's own refusals (a missing parameter, a wrong method, an unknown path) with their plain detail
      String detail = framework.getBody().getDetail();
      return body(framework.getStatusCode(), detail == null ? "error" : detail);
    }
    String reference = UUID.randomUUID().toString().substring(0, 8);
    log.warn("API request failed (reference {}): {}", reference, oneLine(e));
    return body(HttpStatus.INTERNAL_SERVER_ERROR, "internal error (reference " + reference + "); try again or tell the operator");
  }

  static String oneLine(Throwable e) {
    String text = e.toString().replaceAll("\\s+", " ");
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  private static ResponseEntity<Map<String, Object>> body(HttpStatusCode status, String reason) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status.value());
    body.put("error", reason == null ? "error" : reason);
    return ResponseEntity.status(status).body(body);
  }
}
