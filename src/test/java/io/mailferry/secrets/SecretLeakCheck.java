package io.mailferry.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Collects what the secret store and the CLI say (log lines and exception messages, with their causes) and checks
 * that none of it carries key bytes or secret values, in any encoding a careless message might use.
 */
public final class SecretLeakCheck implements AutoCloseable {
    private final List<Logger> loggers = new ArrayList<>();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<String> said = new ArrayList<>();

    public SecretLeakCheck() {
        appender.start();
        for (String name : List.of("io.mailferry.secrets", "io.mailferry.cli")) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.addAppender(appender);
            loggers.add(logger);
        }
    }

    /** Adds the message of {@code failure} and of all its causes. */
    public void add(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            said.add(String.valueOf(t));
        }
    }

    public void add(String output) {
        said.add(output);
    }

    /** Everything said so far; log lines with their formatted message and exception. */
    public String said() {
        StringBuilder all = new StringBuilder();
        said.forEach(s -> all.append(s).append('\n'));
        for (ILoggingEvent event : appender.list) {
            all.append(event.getFormattedMessage()).append('\n');
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                all.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
            }
        }
        return all.toString();
    }

    public void assertNoKeyFrom(Path keyFile) throws IOException {
        assertNoBytes(Files.readAllBytes(keyFile));
    }

    public void assertNoSecret(String secret) {
        assertThat(said()).doesNotContain(secret);
        assertNoBytes(secret.getBytes(StandardCharsets.UTF_8));
    }

    private void assertNoBytes(byte[] bytes) {
        String text = said();
        HexFormat hex = HexFormat.of();
        assertThat(text)
                .doesNotContainIgnoringCase(hex.formatHex(bytes))
                .doesNotContain(Base64.getEncoder().encodeToString(bytes))
                .doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(bytes))
                .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))
                .doesNotContain(new String(bytes, StandardCharsets.ISO_8859_1))
                .doesNotContain(java.util.Arrays.toString(bytes));
        // and not the first half either, as a prefix-only dump would
        assertThat(text).doesNotContainIgnoringCase(hex.formatHex(bytes, 0, Math.max(1, bytes.length / 2)));
    }

    @Override
    public void close() {
        loggers.forEach(l -> l.detachAppender(appender));
        appender.stop();
    }
}
