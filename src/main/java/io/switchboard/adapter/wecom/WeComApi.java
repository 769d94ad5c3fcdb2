package io.switchboard.adapter.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.bot.AccessTokens;
import io.switchboard.bot.Bots;
import io.switchboard.egress.PermanentDeliveryException;
import io.switchboard.egress.TransientDeliveryException;
import io.switchboard.outbound.MultipartForm;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * WeCom's server API for an app: the {@code access_token} from {@code gettoken}, cached until 5 minutes before it
 * expires, shared by concurrent senders, refreshed once on an invalid-token error (40014, 42001, 40001); busy (-1) and
 * frequency limits (45009, 45033) are transient; other errcodes are permanent, with WeCom's errmsg.
 */
@Component
public class WeComApi {

  private static final Set<Integer> TOKEN_INVALID = Set.of(40001, 40014, 42001);
  private static final Set<Integer> TRANSIENT = Set.of(-1, 45009, 45033);

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Bots bots;
  private final AccessTokens tokens = new AccessTokens(Clock.systemUTC(), this::fetchToken);

  public WeComApi(Bots bots) {
    this.bots = bots;
  }

  public void post(String botId, String path, Map<String, ?> body) throws InterruptedException {
    String payload;
    try {
      payload = json.writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
    withToken(botId, path, token -> HttpRequest.newBuilder(uri(botId, path, token, ""))
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(payload)));
  }

  /** Uploads a temporary media file ({@code media/upload}, type image or file) and answers its media_id. */
  public String upload(String botId, String type, String filename, String contentType, byte[] content) throws InterruptedException {
    MultipartForm form = new MultipartForm().file("media", filename, contentType, content, "filelength=" + content.length);
    byte[] body = form.bytes();
    JsonNode answer = withToken(botId, "/cgi-bin/media/upload", token -> HttpRequest.newBuilder(uri(botId, "/cgi-bin/media/upload", token, "&type=" + type))
        .header("Content-Type", form.contentType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    return answer.path("media_id").asText();
  }

  private interface RequestWithToken {
    HttpRequest.Builder build(String token);
  }

  private JsonNode withToken(String botId, String path, RequestWithToken request) throws InterruptedException {
    AccessTokens.Token used = tokens.current(botId);
    JsonNode answer = call(request.build(used.value()), path);
    int errcode = answer.path("errcode").asInt(0);
    if (TOKEN_INVALID.contains(errcode)) {
      answer = call(request.build(tokens.replacing(botId, used).value()), path);
      errcode = answer.path("errcode").asInt(0);
    }
    if (TRANSIENT.contains(errcode)) {
      throw new TransientDeliveryException("WeCom " + path + ": " + errcode + " " + answer.path("errmsg").asText(), (Duration) null);
    }
    if (errcode != 0) {
      throw new PermanentDeliveryException("WeCom " + path + ": " + errcode + " " + answer.path("errmsg").asText());
    }
    return answer;
  }

  private URI uri(String botId, String path, String token, String more) {
    return URI.create(base(botId) + path + "?access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + more);
  }

  private AccessTokens.Token fetchToken(String botId) throws InterruptedException {
    Bots.ConfiguredBot bot = bots.get(botId);
    String query = "?corpid=" + URLEncoder.encode(bot.get("corp-id"), StandardCharsets.UTF_8)
        + "&corpsecret=" + URLEncoder.encode(bot.get("corp-secret"), StandardCharsets.UTF_8);
    JsonNode answer = call(HttpRequest.newBuilder(URI.create(base(botId) + "/cgi-bin/gettoken" + query)).GET(), "gettoken");
    if (answer.path("errcode").asInt(0) != 0) {
      throw new PermanentDeliveryException("WeCom gettoken: " + answer.path("errcode").asInt() + " " + answer.path("errmsg").asText());
    }
    return tokens.expiresIn(answer.path("access_token").asText(), Duration.ofSeconds(answer.path("expires_in").asLong(7200)));
  }

  private JsonNode call(HttpRequest.Builder request, String what) throws InterruptedException {
    HttpResponse<String> response;
    try {
      response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new TransientDeliveryException("WeCom unreachable (" + what + "): " + e, e);
    }
    if (response.statusCode() == 429 || response.statusCode() >= 500) {
      throw new TransientDeliveryException("WeCom " + what + " answered " + response.statusCode(), (Duration) null);
    }
    try {
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new TransientDeliveryException("WeCom " + what + " answered " + response.statusCode() + " with no JSON", e);
    }
  }

  private String base(String botId) {
    return bots.get(botId).get("api-base-url").replaceAll("/+$", "");
  }
}
