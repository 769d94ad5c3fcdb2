package io.switchboard.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * Errors that happen outside a controller (an unknown path, a failure in a filter) get the API's shape too,
 * {@code {"status": 404, "error": "not found"}}, and never an exception's text or a trace.
 */
@Component
class ApiErrorAttributes extends DefaultErrorAttributes {

  @Override
  public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
    Object status = super.getErrorAttributes(request, ErrorAttributeOptions.defaults()).get("status");
    int code = status instanceof Integer i ? i : 500;
    HttpStatus known = HttpStatus.resolve(code);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", code);
    body.put("error", known == null ? "error" : known.getReasonPhrase().toLowerCase(java.util.Locale.ROOT));
    return body;
  }
}
