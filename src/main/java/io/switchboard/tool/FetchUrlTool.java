package io.switchboard.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.outbound.GuardedHttpClient;
import io.switchboard.outbound.OutboundRefusedException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.TextNode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Built-in {@code fetch_url}: a page's text (HTML reduced to its readable text, plain text as it is), through the
 * guarded outbound client, so that a model cannot reach loopback, private or metadata addresses. Long pages are cut
 * at {@code switchboard.tools.fetch-url.max-chars}.
 */
@Component
public class FetchUrlTool implements Tool {

  private final GuardedHttpClient http;
  private final int maxChars;

  public FetchUrlTool(GuardedHttpClient http, @Value("${switchboard.tools.fetch-url.max-chars:8000}") int maxChars) {
    this.http = http;
    this.maxChars = maxChars;
  }

  @Override
  public ToolDefinition definition() {
    ObjectNode schema = CurrentTimeTool.JSON.createObjectNode().put("type", "object");
    schema.putObject("properties").putObject("url").put("type", "string").put("description", "The http or https URL to read");
    schema.putArray("required").add("url");
    return new ToolDefinition("fetch_url", "Reads a web page and returns its text", schema, false, ToolDefinition.BUILT_IN);
  }

  @Override
  public String call(ObjectNode arguments, ToolContext context) throws ToolFailure, InterruptedException {
    String url = arguments.path("url").asText("");
    GuardedHttpClient.Response response;
    try {
      response = http.get(url, Map.of("Accept", "text/html, text/plain;q=0.9, */*;q=0.5"));
    } catch (OutboundRefusedException e) {
      throw new ToolFailure("cannot fetch " + url + ": " + e.getMessage());
    }
    if (response.status() >= 400) {
      throw new ToolFailure(url + " answered HTTP " + response.status());
    }
    String body = new String(response.body(), StandardCharsets.UTF_8);
    String contentType = response.contentType() == null ? "" : response.contentType().toLowerCase(java.util.Locale.ROOT);
    String text = contentType.contains("html") || (contentType.isEmpty() && body.stripLeading().startsWith("<")) ? textOf(body, response.uri().toString()) : body;
    return text.length() <= maxChars ? text : text.substring(0, maxChars) + "\n… (" + (text.length() - maxChars) + " more characters cut)";
  }

  static String textOf(String html, String baseUri) {
    Document page = Jsoup.parse(html, baseUri);
    page.select("script, style, noscript, template, svg").remove();
    // block elements end a line, so paragraphs stay apart in the text
    page.select("p, div, li, tr, br, h1, h2, h3, h4, h5, h6, pre, blockquote, section, article, header, footer").forEach(e -> e.after(new TextNode("\n")));
    String title = page.title();
    String text = page.body() == null ? "" : page.body().wholeText().replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll("\\s*\\n\\s*(\\n\\s*)+", "\n\n").strip();
    return title.isBlank() ? text : title + "\n\n" + text;
  }
}
