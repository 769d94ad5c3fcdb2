package io.switchboard.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
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

  /** A chat message is at most switchboard.pipeline.max-text-chars; a frame far larger is closed (1009) unread. */
  @Bean
  ServletServerContainerFactoryBean webSocketContainer() {
    ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
    container.setMaxTextMessageBufferSize(128 * 1024);
    container.setMaxBinaryMessageBufferSize(8 * 1024);
    return container;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    // same-origin only (Spring's default): the page is served by this app; the handshake needs the login session
    registry.addHandler(webChat, "/ws/chat");
  }
}
