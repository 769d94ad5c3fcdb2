package io.switchboard.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenScopesTest {

  @Test
  void scopesLimitATokenToActionsTargetsAndTopics() {
    assertThat(TokenScopes.allows(List.of("*"), TokenScopes.NOTIFY, "telegram:tg:42")).isTrue();
    assertThat(TokenScopes.allows(List.of("events"), TokenScopes.EVENTS, null)).isTrue();
    assertThat(TokenScopes.allows(List.of("events"), TokenScopes.TOPIC, "builds")).isFalse();
    assertThat(TokenScopes.allows(List.of("notify:telegram:*:*"), TokenScopes.NOTIFY, "telegram:tg:42")).isTrue();
    assertThat(TokenScopes.allows(List.of("notify:telegram:*:*"), TokenScopes.NOTIFY, "slack:sl:C1")).isFalse();
    assertThat(TokenScopes.allows(List.of("topic:build-*"), TokenScopes.TOPIC, "build-main")).isTrue();
    assertThat(TokenScopes.allows(List.of("topic:build-*"), TokenScopes.TOPIC, "deploy")).isFalse();
    assertThat(TokenScopes.allows(List.of("topic:*"), TokenScopes.TOPIC, "anything")).isTrue();
    assertThat(TokenScopes.allows(List.of("topic:*"), TokenScopes.EVENTS, null)).isFalse();
  }

  @Test
  void unknownScopesAreRefusedAtCreation() {
    assertThatThrownBy(() -> TokenScopes.validate(List.of("admin"))).hasMessageContaining("unknown scope 'admin'");
  }

  @Test
  void onlyAScopeNamingThePlatformLetsAProducerActInItsConversations() {
    assertThat(TokenScopes.mayActIn(List.of("*"), "telegram", "tg")).isFalse();
    assertThat(TokenScopes.mayActIn(List.of("events"), "telegram", "tg")).isFalse();
    assertThat(TokenScopes.mayActIn(List.of("events:*:*"), "telegram", "tg")).isFalse();
    assertThat(TokenScopes.mayActIn(List.of("events:telegram:tg"), "telegram", "tg")).isTrue();
    assertThat(TokenScopes.mayActIn(List.of("events:telegram:*"), "telegram", "tg2")).isTrue();
    assertThat(TokenScopes.mayActIn(List.of("events:telegram:tg"), "telegram", "tg2")).isFalse();
    assertThat(TokenScopes.mayActIn(List.of("events:telegram:tg"), "slack", "tg")).isFalse();
    assertThat(TokenScopes.allows(List.of("events:telegram:tg"), TokenScopes.EVENTS, null)).isTrue();
  }

  @Test
  void aPlatformIsNamedLiterallyInAnEventsScope() {
    TokenScopes.validate(List.of("events:telegram:*", "events:api:default"));
    assertThatThrownBy(() -> TokenScopes.validate(List.of("events:*:tg"))).hasMessageContaining("unknown scope");
  }
}
