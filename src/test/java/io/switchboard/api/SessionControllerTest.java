package io.switchboard.api;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.switchboard.channel.LocalConversations;
import io.switchboard.config.SwitchboardProperties;
import io.switchboard.envelope.Envelope;
import io.switchboard.store.MessageRepository;
import io.switchboard.store.Session;
import io.switchboard.store.SessionRepository;
import io.switchboard.store.TokenUsageRepository;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The HTTP contract of the session API, without a bus: only the controller and its error handling. */
@WebMvcTest(
    controllers = SessionController.class,
    properties = {
      "switchboard.routes-dir=target/test-routes/web-mvc",
      "camel.main.routes-reload-enabled=false",
      "switchboard.api.max-in-flight=1"
    })
class SessionControllerTest {

  /** The slice has no configuration-properties scan; the controller reads the reply timeout from the defaults. */
  @TestConfiguration
  @EnableConfigurationProperties(SwitchboardProperties.class)
  static class Settings {}

  @Autowired MockMvc mvc;
  @MockitoBean SessionRepository sessions;
  @MockitoBean MessageRepository messages;
  @MockitoBean TokenUsageRepository usage;
  @MockitoBean LocalConversations conversations;

  @Test
  void aReplyThatDoesNotComeInTimeIsA504() throws Exception {
    when(sessions.find("s1")).thenReturn(Optional.of(new Session("s1", "api:default:s1", "api", "default", "s1", "u1", "default", null, null)));
    when(conversations.ask(any(), any(), any(), any(), any())).thenReturn(CompletableFuture.failedFuture(new TimeoutException()));

    MvcResult pending =
        mvc.perform(post("/api/v1/sessions/s1/messages").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"hi\"}"))
            .andExpect(request().asyncStarted())
            .andReturn();
    mvc.perform(asyncDispatch(pending))
        .andExpect(status().isGatewayTimeout())
        .andExpect(jsonPath("$.status").value(504))
        .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("no reply within")));
  }

  @Test
  void pastTheInFlightLimitMessagesAreRefusedWith503AndRetryAfter() throws Exception {
    when(sessions.find("s1")).thenReturn(Optional.of(new Session("s1", "api:default:s1", "api", "default", "s1", "u1", "default", null, null)));
    CompletableFuture<Envelope> never = new CompletableFuture<>();
    when(conversations.ask(any(), any(), any(), any(), any())).thenReturn(never);

    mvc.perform(post("/api/v1/sessions/s1/messages").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"one\"}"))
        .andExpect(request().asyncStarted());
    mvc.perform(post("/api/v1/sessions/s1/messages").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"two\"}"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "1"))
        .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("retry")));
    never.completeExceptionally(new TimeoutException());
  }

  @Test
  void aSessionNeedsAUserAndAKnownPlatform() throws Exception {
    mvc.perform(post("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON).content("{\"agent\":\"default\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("userId is required"));
    mvc.perform(post("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON).content("{\"userId\":\"u\",\"platform\":\"telegram\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("platform must be one of")));
    mvc.perform(post("/api/v1/sessions").contentType(MediaType.TEXT_PLAIN).content("u"))
        .andExpect(status().isUnsupportedMediaType());
  }
}
