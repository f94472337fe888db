package io.mailferry.demo;

import java.util.List;
import java.util.stream.IntStream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailferry.demo.*}: the demo organisation (domain, number of mailboxes, their shared password) and the
 * ports of its stand-in servers, all on 127.0.0.1. A port of 0 picks a free one, which is what tests use.
 */
@ConfigurationProperties("mailferry.demo")
public record DemoProperties(
        @DefaultValue("contoso.com") String domain,
        @DefaultValue("5") int mailboxes,
        @DefaultValue("demo") String password,
        MailServer onprem,
        MailServer cloud,
        Directory directory) {

    public static final String BIND_ADDRESS = "127.0.0.1";
    /** The largest batch Exchange's cutover allows, and what the staged migration's lists hold at most. */
    public static final int MAX_MAILBOXES = 2_000;

    /** Records print every component; the password must not reach a log through this one. */
    @Override
    public String toString() {
        return "DemoProperties[domain=" + domain + ", mailboxes=" + mailboxes + ", onprem=" + onprem + ", cloud="
                + cloud + ", directory=" + directory + "]";
    }

    /** Unset ports (null) take the defaults of the server they belong to. */
    public record MailServer(Integer imapPort, Integer smtpPort) {
        MailServer orDefaults(int imap, int smtp) {
            return new MailServer(imapPort == null ? imap : imapPort, smtpPort == null ? smtp : smtpPort);
        }
    }

    public record Directory(Integer port) {}

    public DemoProperties {
        onprem = (onprem == null ? new MailServer(null, null) : onprem).orDefaults(3143, 3025);
        cloud = (cloud == null ? new MailServer(null, null) : cloud).orDefaults(4143, 4025);
        directory = directory == null || directory.port() == null ? new Directory(3389) : directory;
        if (mailboxes < 1 || mailboxes > MAX_MAILBOXES) {
            throw new IllegalArgumentException(
                    "mailferry.demo.mailboxes must be between 1 and " + MAX_MAILBOXES + ", was " + mailboxes);
        }
    }

    /** Ports 0 everywhere: for tests that start the stand-ins next to a running demo. */
    public static DemoProperties onFreePorts(int mailboxes) {
        return new DemoProperties(
                "contoso.com", mailboxes, "demo", new MailServer(0, 0), new MailServer(0, 0), new Directory(0));
    }

    /** {@code user01@contoso.com} … {@code user99@…}, {@code user100@…} … in order. */
    public List<String> addresses() {
        return IntStream.rangeClosed(1, mailboxes)
                .mapToObj(i -> String.format("user%02d@%s", i, domain))
                .toList();
    }

    public static String localPart(String address) {
        return address.substring(0, address.indexOf('@'));
    }

    /** {@code User 01} for {@code user01@…}: what the directory and the tenant show. */
    public static String displayName(String address) {
        String local = localPart(address);
        return "User " + local.replaceAll("\\D", "");
    }

    /** {@code dc=contoso,dc=com} for {@code contoso.com}. */
    public String baseDn() {
        return "dc=" + String.join(",dc=", domain.split("\\."));
    }
}
