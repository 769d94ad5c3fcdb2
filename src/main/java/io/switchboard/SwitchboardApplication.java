package io.switchboard;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring Boot application: started by the CLI ({@code serve}, {@code chat}) or by tests. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SwitchboardApplication {
}
