package io.switchboard.testing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * An MCP server over stdio, as the specification's stdio transport has it: one JSON-RPC message per line on stdin and
 * stdout, notifications before the response they precede, anything else on stderr. Switchboard starts it as a
 * configured {@code command}: {@link #command()}.
 */
public final class StdioMcpServer {

  private StdioMcpServer() {}

  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    McpToolbox toolbox = new McpToolbox(args.length > 0 ? args[0] : "stdio");
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.err.println("stdio MCP server ready");
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode message = json.readTree(line);
      toolbox.handle(message, notification -> out.println(notification.toString())).ifPresent(response -> out.println(response.toString()));
      out.flush();
    }
  }

  /** The command that starts this server: this JVM's java, the test classes and Jackson, nothing else. */
  public static List<String> command(String name) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = String.join(File.pathSeparator, Stream.of(StdioMcpServer.class, ObjectMapper.class, JsonFactory.class, JsonInclude.class)
        .map(StdioMcpServer::location).distinct().toList());
    return List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classPath, StdioMcpServer.class.getName(), name);
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
