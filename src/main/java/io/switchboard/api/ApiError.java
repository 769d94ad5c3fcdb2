package io.switchboard.api;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A 4xx/5xx answer with a reason the client can act on; rendered as JSON by {@link ApiErrorHandler}. */
public class ApiError extends ResponseStatusException {

  public ApiError(HttpStatus status, String reason) {
    super(status, reason);
  }

  public static ApiError notFound(String what) {
    return new ApiError(HttpStatus.NOT_FOUND, what + " not found");
  }

  public static ApiError badRequest(String reason) {
    return new ApiError(HttpStatus.BAD_REQUEST, reason);
  }
}
