package io.switchboard.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback feed server whose feeds change between polls: {@code /rss.xml} (RSS 2.0, items with a guid),
 * {@code /atom.xml} (Atom 1.0, entries with an id), {@code /noguid.xml} (RSS items with a link only),
 * {@code /missing.xml} (404), {@code /page.html} (a web page, not a feed), {@code /redirect?to=<url>} (302 there). Items are listed newest first, as feeds do.
 * {@link #failing(String, boolean)} makes one path answer 500.
 */
public final class FakeFeeds extends LoopbackServer {

  public record Item(String id, String title, String link, String summary) {}

  private final List<Item> rss = new CopyOnWriteArrayList<>();
  private final List<Item> atom = new CopyOnWriteArrayList<>();
  private final List<Item> noGuid = new CopyOnWriteArrayList<>();
  private final AtomicInteger fetches = new AtomicInteger();
  private final java.util.Set<String> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public FakeFeeds() throws IOException {
    server.createContext("/rss.xml", exchange -> serve(exchange, "application/rss+xml", rssXml(rss, true)));
    server.createContext("/noguid.xml", exchange -> serve(exchange, "application/rss+xml", rssXml(noGuid, false)));
    server.createContext("/atom.xml", exchange -> serve(exchange, "application/atom+xml", atomXml()));
    server.createContext("/missing.xml", exchange -> respond(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8)));
    server.createContext("/page.html", exchange -> respond(exchange, 200, "text/html",
        "<!DOCTYPE html><html><body><p>Just a page</p></body></html>".getBytes(StandardCharsets.UTF_8)));
    // /redirect?to=<url>: a 302 to anywhere, as a server an attacker controls would answer
    server.createContext("/redirect", exchange -> {
      String to = java.net.URLDecoder.decode(exchange.getRequestURI().getRawQuery().replaceFirst("^to=", ""), StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Location", to);
      respond(exchange, 302, "text/plain", new byte[0]);
    });
    server.start();
  }

  public String url(String path) {
    return base() + path;
  }

  /** Adds an item at the top (newest) of the RSS feed. */
  public void publishRss(Item item) {
    rss.add(0, item);
  }

  public void publishAtom(Item item) {
    atom.add(0, item);
  }

  public void publishWithoutGuid(Item item) {
    noGuid.add(0, item);
  }

  public void failing(String path, boolean fail) {
    if (fail) {
      this.failing.add(path);
    } else {
      this.failing.remove(path);
    }
  }

  public int fetches() {
    return fetches.get();
  }

  private void serve(HttpExchange exchange, String type, String xml) throws IOException {
    fetches.incrementAndGet();
    if (this.failing.contains(exchange.getRequestURI().getPath())) {
      respond(exchange, 500, "text/plain", "feed generator crashed".getBytes(StandardCharsets.UTF_8));
      return;
    }
    respond(exchange, 200, type + "; charset=utf-8", xml.getBytes(StandardCharsets.UTF_8));
  }

  private static String rssXml(List<Item> items, boolean guids) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
        + "<title>Loopback News</title><link>http://127.0.0.1/</link><description>test feed</description>");
    for (Item item : items) {
      xml.append("<item><title>").append(escape(item.title())).append("</title><link>").append(escape(item.link())).append("</link>")
          .append(guids ? "<guid isPermaLink=\"false\">" + escape(item.id()) + "</guid>" : "")
          .append("<description>").append(escape(item.summary())).append("</description></item>");
    }
    return xml.append("</channel></rss>").toString();
  }

  private String atomXml() {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
        + "<title>Loopback Atom</title><id>urn:loopback:atom</id><updated>2026-11-22T00:00:00Z</updated>");
    for (Item item : atom) {
      xml.append("<entry><title>").append(escape(item.title())).append("</title><id>").append(escape(item.id())).append("</id>")
          .append("<link href=\"").append(escape(item.link())).append("\"/><updated>2026-11-22T00:00:00Z</updated>")
          .append("<summary>").append(escape(item.summary())).append("</summary></entry>");
    }
    return xml.append("</feed>").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
