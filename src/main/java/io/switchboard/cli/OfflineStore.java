package io.switchboard.cli;

import io.switchboard.config.SwitchboardProperties;
import io.switchboard.producer.ApiTokens;
import io.switchboard.security.WebLogins;
import io.switchboard.store.StoreConfiguration;
import io.switchboard.user.ApiUsers;
import java.util.function.Function;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Just the store and the credentials kept in it (API users, producer tokens, login links): what {@code switchboard
 * user|token|login} need, without the broker, Camel or the web server, so they run beside a serving instance (the
 * embedded H2 is shared in its automatic mixed mode) or alone.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
    JdbcClientAutoConfiguration.class})
@EnableConfigurationProperties(SwitchboardProperties.class)
@Import({StoreConfiguration.class, ApiTokens.class, ApiUsers.class, WebLogins.class})
public class OfflineStore {

  /** @param springArguments e.g. {@code --switchboard.data-dir=…}, as for {@code serve} */
  static <T> T with(String[] springArguments, Function<ConfigurableApplicationContext, T> action) {
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(OfflineStore.class)
        .web(WebApplicationType.NONE)
        .profiles("chat") // quiet logs
        .logStartupInfo(false)
        .run(springArguments)) {
      return action.apply(context);
    }
  }
}
