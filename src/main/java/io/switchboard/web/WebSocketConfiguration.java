package io.switchboard.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

  private final WebChatSocket webChat;

  WebSocketConfiguration(WebChatSocket webChat) {
    this.webChat = webChat;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    // same-origin only (Spring's default): the page is served by this app
    registry.addHandler(webChat, "/ws/chat");
  }
}
