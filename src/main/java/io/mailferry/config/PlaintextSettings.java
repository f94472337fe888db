package io.mailferry.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.core.env.Environment;

/**
 * Which connections of a node's configuration would carry passwords or mail unencrypted, and whether each is
 * explicitly allowed by its own {@code allow-plaintext} setting: IMAP {@code security: NONE} at the source and the
 * target, an {@code ldap://} directory, the SMTP relay ({@code spring.mail}) without STARTTLS or SMTPS, and the
 * after-cutover relay. Production refuses each one not allowed; an allowed one is logged as a warning at every start.
 */
final class PlaintextSettings {
    /** One unencrypted connection: the setting that makes it so, what it carries, and the setting that allows it. */
    record Plaintext(String setting, String what, String allowedBy, boolean allowed) {
        String problem() {
            return setting + ": " + what + " would cross the network unencrypted; " + remedy() + ", or set " + allowedBy
                    + "=true to accept it in clear for this endpoint";
        }

        String warning() {
            return setting + " (" + what + ", allowed by " + allowedBy + ")";
        }

        private String remedy() {
            if (setting.startsWith("mailferry.directory")) {
                return "use ldaps://host:636";
            }
            if (setting.startsWith("spring.mail")) {
                return "set spring.mail.properties.mail.smtp.starttls.required=true (or spring.mail.protocol=smtps)";
            }
            return "use TLS or STARTTLS";
        }
    }

    private PlaintextSettings() {}

    /** Every unencrypted connection the configuration asks for, allowed or not. */
    static List<Plaintext> of(Environment env) {
        List<Plaintext> found = new ArrayList<>();
        for (String endpoint : List.of("mailferry.source", "mailferry.target")) {
            String security = env.getProperty(endpoint + ".security", "TLS").trim();
            if ("NONE".equalsIgnoreCase(security)) {
                found.add(new Plaintext(
                        endpoint + ".security=NONE",
                        "the IMAP password of " + endpoint + " (" + env.getProperty(endpoint + ".host", "?") + ")",
                        endpoint + ".allow-plaintext",
                        isTrue(env, endpoint + ".allow-plaintext")));
            }
        }
        String directory = env.getProperty("mailferry.directory.url");
        if (directory != null && directory.trim().toLowerCase(Locale.ROOT).startsWith("ldap://")) {
            found.add(new Plaintext(
                    "mailferry.directory.url=" + directory.trim(),
                    "the directory bind password",
                    "mailferry.directory.allow-plaintext",
                    isTrue(env, "mailferry.directory.allow-plaintext")));
        }
        String relay = env.getProperty("spring.mail.host");
        if (relay != null && !relay.isBlank() && !smtpEncrypted(env)) {
            found.add(new Plaintext(
                    "spring.mail.host=" + relay.trim(),
                    "the notices to users and operators (and spring.mail.password, if set)",
                    "mailferry.notify.allow-plaintext",
                    isTrue(env, "mailferry.notify.allow-plaintext")));
        }
        String afterCutover = env.getProperty("mailferry.notify.after-cutover-relay");
        if (afterCutover != null
                && !afterCutover.isBlank()
                && isTrue(env, "mailferry.notify.after-cutover-relay-allow-plaintext")) {
            // without the setting the relay requires STARTTLS (NotificationService), so only the allowed case is plain
            found.add(new Plaintext(
                    "mailferry.notify.after-cutover-relay=" + afterCutover.trim(),
                    "the notices after the cutover",
                    "mailferry.notify.after-cutover-relay-allow-plaintext",
                    true));
        }
        return found;
    }

    /** SMTPS, or STARTTLS that must succeed (an optional STARTTLS is dropped by whoever sits in the middle). */
    private static boolean smtpEncrypted(Environment env) {
        return "smtps"
                        .equalsIgnoreCase(
                                env.getProperty("spring.mail.protocol", "smtp").trim())
                || isTrue(env, "spring.mail.properties.mail.smtp.starttls.required")
                || isTrue(env, "spring.mail.properties.mail.smtp.ssl.enable");
    }

    private static boolean isTrue(Environment env, String setting) {
        return "true".equalsIgnoreCase(env.getProperty(setting, "false").trim());
    }
}
