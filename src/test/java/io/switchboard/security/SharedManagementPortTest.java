package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.SwitchboardApplication;
import io.switchboard.testing.ApiClient;
import io.switchboard.testing.TestData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** An operator who puts management on the main port (no management.server.port) still keeps it the operator's. */
@SpringBootTest(
    classes = SwitchboardApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"switchboard.routes-dir=target/test-routes/shared-management", "camel.main.routes-reload-enabled=false",
        "management.server.port="})
@DirtiesContext
class SharedManagementPortTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext applicationContext;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    TestData.freshDataDirectory(registry, "shared-management");
  }

  @Test
  void theActuatorOnTheMainPortNeedsTheOperator() {
    ApiClient api = ApiClient.of(port, applicationContext);
    URI jolokia = URI.create("http://127.0.0.1:" + port + "/actuator/jolokia");
    assertThat(api.raw(HttpRequest.newBuilder(jolokia).POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"version\"}"))).statusCode())
        .isEqualTo(401);
    assertThat(api.raw(HttpRequest.newBuilder(jolokia).header("Authorization", "Bearer " + api.keyOf("someone"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"version\"}"))).statusCode()).isEqualTo(403);
    assertThat(api.raw(HttpRequest.newBuilder(jolokia).header("Authorization", api.operatorAuthorization())
        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"version\"}"))).statusCode()).isEqualTo(200);
    assertThat(api.raw(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/livez"))).statusCode()).isEqualTo(200);
  }
}
