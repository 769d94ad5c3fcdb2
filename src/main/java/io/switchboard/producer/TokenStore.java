package io.switchboard.producer;

import io.switchboard.config.SwitchboardProperties;
import io.switchboard.store.StoreConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Just the store and the token repository: what {@code switchboard token} needs, without the broker, Camel or the web
 * server, so it runs beside a serving instance (the embedded H2 is shared in its automatic mixed mode) or alone.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
    JdbcClientAutoConfiguration.class})
@EnableConfigurationProperties(SwitchboardProperties.class)
@Import({StoreConfiguration.class, ApiTokens.class})
public class TokenStore {
}
