package io.switchboard.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Reading Dify's and Coze's event streams, on streams as their API documentation shows them. */
class ExternalRunnerStreamsTest {

  @Test
  void serverSentEventsAreSplitAtBlankLinesWithTheirNamesAndJoinedDataLines() {
    var events = ServerSentEvents.parse("event:a\r\ndata:1\r\ndata: 2\r\n\r\n: a comment\n\ndata: {\"x\":1}\n\nevent:done\ndata:\"[DONE]\"");
    assertThat(events).containsExactly(new ServerSentEvents.Event("a", "1\n2"), new ServerSentEvents.Event("message", "{\"x\":1}"),
        new ServerSentEvents.Event("done", "\"[DONE]\""));
  }

  @Test
  void aDifyChatStreamIsItsMessagePiecesWithTheConversationAndTheUsageOfMessageEnd() throws IOException {
    String stream = """
        data: {"event": "message", "message_id": "5ad4", "conversation_id": "4570", "answer": " I", "created_at": 1679586595}

        data: {"event": "message", "message_id": "5ad4", "conversation_id": "4570", "answer": "'m glad", "created_at": 1679586595}

        data: {"event": "message_file", "id": "f1", "type": "image", "belongs_to": "assistant", "url": "https://upload.dify.ai/x.png", "conversation_id": "4570"}

        event: ping

        data: {"event": "message_end", "id": "5e52", "conversation_id": "4570", "metadata": {"usage": {"prompt_tokens": 1033, "completion_tokens": 135, "total_tokens": 1168}}}

        data: {"event": "tts_message_end", "conversation_id": "4570", "message_id": "a8bd", "audio": ""}
        """;
    DifyRunner.Answer answer = DifyRunner.DifyEvents.chatAnswer(stream, "helpdesk");
    assertThat(answer.text()).isEqualTo(" I'm glad");
    assertThat(answer.conversationId()).isEqualTo("4570");
    assertThat(answer.promptTokens()).isEqualTo(1033);
    assertThat(answer.completionTokens()).isEqualTo(135);
    assertThat(answer.files()).singleElement().satisfies(part -> {
      assertThat(part.type()).isEqualTo("image");
      assertThat(part.url()).isEqualTo("https://upload.dify.ai/x.png");
    });
  }

  @Test
  void aDifyAgentStreamIsItsAgentMessagesAndAModerationReplacementReplacesWhatCameBefore() throws IOException {
    String stream = """
        data: {"event": "agent_thought", "id": "t", "thought": "search first", "conversation_id": "c"}

        data: {"event": "agent_message", "answer": "the secret is", "conversation_id": "c"}

        data: {"event": "message_replace", "answer": "I cannot say that.", "conversation_id": "c"}

        data: {"event": "message_end", "conversation_id": "c", "metadata": {}}
        """;
    DifyRunner.Answer answer = DifyRunner.DifyEvents.chatAnswer(stream, "helpdesk");
    assertThat(answer.text()).isEqualTo("I cannot say that.");
    assertThat(answer.promptTokens()).isNull();
  }

  @Test
  void aDifyErrorEventOrAStreamThatBreaksOffFailsWithTheReason() {
    assertThatThrownBy(() -> DifyRunner.DifyEvents.chatAnswer(
        "data: {\"event\": \"error\", \"status\": 400, \"code\": \"provider_quota_exceeded\", \"message\": \"quota insufficient\"}\n\n", "helpdesk"))
        .isInstanceOf(IOException.class).hasMessage("the Dify app of agent helpdesk failed: provider_quota_exceeded: quota insufficient");
    assertThatThrownBy(() -> DifyRunner.DifyEvents.chatAnswer("data: {\"event\": \"message\", \"answer\": \"half\"}\n\n", "helpdesk"))
        .hasMessage("the Dify app of agent helpdesk ended its answer without message_end");
  }

  @Test
  void aDifyWorkflowAnswersWithItsNamedOutputOrItsOnlyTextOutputAndAFailedRunSaysWhy() throws IOException {
    String finished = "data: {\"event\": \"workflow_finished\", \"data\": {\"status\": \"succeeded\", \"outputs\": {\"summary\": \"short\", \"n\": 3}, \"total_tokens\": 9}}\n\n";
    assertThat(DifyRunner.DifyEvents.workflowAnswer(finished, "summary", "flow").text()).isEqualTo("short");
    assertThat(DifyRunner.DifyEvents.workflowAnswer(finished, "answer", "flow").text()).isEqualTo("short");
    assertThat(DifyRunner.DifyEvents.workflowAnswer(finished, "answer", "flow").completionTokens()).as("its total").isEqualTo(9);
    assertThatThrownBy(() -> DifyRunner.DifyEvents.workflowAnswer(
        "data: {\"event\": \"workflow_finished\", \"data\": {\"status\": \"failed\", \"error\": \"node llm: timeout\"}}\n\n", "answer", "flow"))
        .hasMessage("the Dify workflow of agent flow ended failed: node llm: timeout");
  }

  @Test
  void aCozeStreamIsItsCompletedAnswersWithTheConversationAndUsage() throws IOException {
    String stream = """
        event:conversation.chat.created
        data:{"id":"chat1","conversation_id":"conv1","bot_id":"b","status":"created"}

        event:conversation.message.delta
        data:{"id":"m1","conversation_id":"conv1","role":"assistant","type":"answer","content":"Hel","content_type":"text"}

        event:conversation.message.delta
        data:{"id":"m1","conversation_id":"conv1","role":"assistant","type":"answer","content":"lo","content_type":"text"}

        event:conversation.message.completed
        data:{"id":"m1","conversation_id":"conv1","role":"assistant","type":"answer","content":"Hello","content_type":"text"}

        event:conversation.message.completed
        data:{"id":"m2","conversation_id":"conv1","role":"assistant","type":"follow_up","content":"More?","content_type":"text"}

        event:conversation.chat.completed
        data:{"id":"chat1","conversation_id":"conv1","status":"completed","usage":{"token_count":30,"output_count":9,"input_count":21}}

        event:done
        data:"[DONE]"
        """;
    CozeRunner.Answer answer = CozeRunner.CozeEvents.answer(200, stream, "coach");
    assertThat(answer.text()).isEqualTo("Hello");
    assertThat(answer.conversationId()).isEqualTo("conv1");
    assertThat(answer.promptTokens()).isEqualTo(21);
    assertThat(answer.completionTokens()).isEqualTo(9);
  }

  @Test
  void cozeErrorsFailWithCozesCodeAndMessage() {
    assertThatThrownBy(() -> CozeRunner.CozeEvents.answer(200, "{\"code\":4100,\"msg\":\"authentication is invalid\"}", "coach"))
        .hasMessage("the Coze bot of agent coach answered code 4100: authentication is invalid");
    assertThatThrownBy(() -> CozeRunner.CozeEvents.answer(200,
        "event:conversation.chat.failed\ndata:{\"status\":\"failed\",\"last_error\":{\"code\":5000,\"msg\":\"plugin timed out\"}}\n\n", "coach"))
        .hasMessage("the Coze bot of agent coach failed: 5000: plugin timed out");
    assertThatThrownBy(() -> CozeRunner.CozeEvents.answer(200, "event:error\ndata:{\"code\":4000,\"msg\":\"bad request\"}\n\n", "coach"))
        .hasMessage("the Coze bot of agent coach failed: 4000: bad request");
    assertThatThrownBy(() -> CozeRunner.CozeEvents.answer(502, "Bad Gateway", "coach")).hasMessage("the Coze bot of agent coach answered HTTP 502");
  }
}
