package io.mailferry;

import org.camunda.bpm.spring.boot.starter.annotation.EnableProcessApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Mailferry: Microsoft's Exchange-to-Microsoft 365 migration runbooks, run by the Camunda 7 engine. */
@SpringBootApplication
@EnableProcessApplication
@ConfigurationPropertiesScan
public class MailferryApplication {
    public static void main(String[] args) {
        SpringApplication.run(MailferryApplication.class, args);
    }
}
