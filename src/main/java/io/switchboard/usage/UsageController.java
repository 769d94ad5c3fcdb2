package io.switchboard.usage;

import io.switchboard.api.ApiError;
import io.switchboard.limits.LimitSettings;
import io.switchboard.store.TokenUsageRepository;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.switchboard.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/usage?userId=…&from=…&to=…[&platform=…]}: a user's token usage, in total and per bot and model.
 * {@code from}/{@code to} are dates (whole days in {@code switchboard.limits.time-zone}, {@code to} inclusive) or
 * ISO-8601 instants ({@code to} exclusive); without them, today. The operator may ask about anyone on any platform;
 * an API user only about themselves, on the API (default) or the web chat, where their name is theirs.
 */
@RestController
@RequestMapping("/api/v1/usage")
public class UsageController {

  private final TokenUsageRepository usage;
  private final LimitSettings limits;

  public UsageController(TokenUsageRepository usage, LimitSettings limits) {
    this.usage = usage;
    this.limits = limits;
  }

  @GetMapping
  public Map<String, Object> usage(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) String userId,
      @RequestParam(required = false) String platform,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    if (caller.kind() == Caller.Kind.USER) {
      if (userId != null && !userId.equals(caller.name())) {
        throw new ApiError(HttpStatus.FORBIDDEN, "userId must be your own ('" + caller.name() + "')");
      }
      if (platform != null && !platform.equals("api") && !platform.equals("web")) {
        throw ApiError.badRequest("platform must be api or web: your name is yours only there");
      }
      userId = caller.name();
      platform = platform == null ? "api" : platform;
    }
    if (userId == null || userId.isBlank()) {
      throw ApiError.badRequest("userId is required");
    }
    OffsetDateTime start = from == null ? LocalDate.now(limits.timeZone()).atStartOfDay(limits.timeZone()).toOffsetDateTime() : instant("from", from, false);
    OffsetDateTime end = to == null ? start.plusDays(1) : instant("to", to, true);
    if (!end.isAfter(start)) {
      throw ApiError.badRequest("to must be after from");
    }
    List<TokenUsageRepository.ModelTotals> rows = usage.byModel(platform, userId, start, end);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("userId", userId);
    body.put("platform", platform);
    body.put("from", start.toString());
    body.put("to", end.toString());
    body.put("promptTokens", rows.stream().mapToLong(TokenUsageRepository.ModelTotals::promptTokens).sum());
    body.put("completionTokens", rows.stream().mapToLong(TokenUsageRepository.ModelTotals::completionTokens).sum());
    body.put("totalTokens", rows.stream().mapToLong(r -> r.promptTokens() + r.completionTokens()).sum());
    body.put("requests", rows.stream().mapToLong(TokenUsageRepository.ModelTotals::messages).sum());
    body.put("byModel", rows);
    return body;
  }

  private OffsetDateTime instant(String name, String value, boolean end) {
    try {
      if (value.length() == 10) {
        LocalDate day = LocalDate.parse(value);
        return (end ? day.plusDays(1) : day).atStartOfDay(limits.timeZone()).toOffsetDateTime();
      }
      return OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(name + " must be a date (YYYY-MM-DD) or an ISO-8601 instant");
    }
  }
}
