package io.mailferry;

import io.mailferry.cli.MailferryCli;
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
        // A command (dns, csv, later sync) runs without Spring: no web server, no database, quick to start.
        if (MailferryCli.handles(args)) {
            System.exit(MailferryCli.run(args));
        }
        SpringApplication.run(MailferryApplication.class, args);
    }
}
