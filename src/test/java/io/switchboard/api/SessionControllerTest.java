package io.switchboard.api;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.switchboard.channel.LocalConversations;
import io.switchboard.agent.AgentFiles;
import io.switchboard.agent.AgentRegistry;
import io.switchboard.agent.AgentSettings;
import io.switchboard.agent.ConversationAgents;
import io.switchboard.config.SwitchboardProperties;
import io.switchboard.envelope.Envelope;
import io.switchboard.kernel.Session;
import io.switchboard.security.Caller;
import io.switchboard.security.CallerAuthentication;
import io.switchboard.store.MessageRepository;
import io.switchboard.store.SessionRepository;
import io.switchboard.store.TokenUsageRepository;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The HTTP contract of the session API, without a bus: only the controller and its error handling. Authentication is
 * the security configuration's (tested against the running application in security/); here the caller is given.
 */
@AutoConfigureMockMvc(addFilters = false)
@WebMvcTest(
    controllers = SessionController.class,
    properties = {
      "switchboard.routes-dir=target/test-routes/web-mvc",
      "camel.main.routes-reload-enabled=false",
      "switchboard.api.max-in-flight=1"
    })
class SessionControllerTest {

  /** The slice has no configuration-properties scan; the controller reads the reply timeout and the agents from the defaults. */
  @TestConfiguration
  @EnableConfigurationProperties({SwitchboardProperties.class, AgentSettings.class})
  @Import({AgentRegistry.class, AgentFiles.class})
  static class Settings {}

  @Autowired MockMvc mvc;
  @MockitoBean SessionRepository sessions;
  @MockitoBean MessageRepository messages;
  @MockitoBean TokenUsageRepository usage;
  @MockitoBean LocalConversations conversations;
  @MockitoBean ConversationAgents agentChoices;
  @MockitoBean SessionEvents events;

  /** The caller the security filters would have established: API user u1. */
  @BeforeEach
  void caller() {
    SecurityContextHolder.getContext().setAuthentication(new CallerAuthentication(Caller.user("u1", false)));
  }

  @AfterEach
  void noCaller() {
    SecurityContextHolder.clearContext();
  }

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
  void aSessionIsTheCallersAndOnTheApiPlatformOnly() throws Exception {
    mvc.perform(post("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON).content("{\"userId\":\"root\"}"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("userId must be your own ('u1')")));
    mvc.perform(post("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON).content("{\"platform\":\"cli\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("platform must be api")));
    mvc.perform(post("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON).content("{\"agent\":\"" + "a".repeat(500) + "\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.status").value(400));
    mvc.perform(post("/api/v1/sessions").contentType(MediaType.TEXT_PLAIN).content("u"))
        .andExpect(status().isUnsupportedMediaType());
  }

  @Test
  void anotherUsersOrAnotherPlatformsSessionIsNotFound() throws Exception {
    when(sessions.find("theirs")).thenReturn(Optional.of(new Session("theirs", "api:default:theirs", "api", "default", "theirs", "u2", "default", null, null)));
    when(sessions.find("tg")).thenReturn(Optional.of(new Session("tg", "telegram:tg:42", "telegram", "tg", "42", "u1", "default", null, null)));
    mvc.perform(get("/api/v1/sessions/theirs/messages")).andExpect(status().isNotFound());
    mvc.perform(get("/api/v1/sessions/tg/messages")).andExpect(status().isNotFound());
    mvc.perform(post("/api/v1/sessions/theirs/messages").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"as u2\"}"))
        .andExpect(status().isNotFound());
  }
}
