package io.mailferry.rig;

import io.mailferry.m365.AppTokenCheck;
import io.mailferry.m365.GraphStandIn;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline Microsoft 365 rig by hand, for a Mailferry node to run against: the token server
 * ({@link ExchangeOnlineRig}) and the Graph stand-in ({@link GraphStandIn}) on fixed ports of 127.0.0.1, with the
 * XOAUTH2 Dovecot of start-dovecot.sh (its DOVECOT_* variables in the environment) as Exchange Online. Prints the
 * {@code --mailferry.m365.*} arguments for {@code java -jar target/mailferry.jar}, then waits; a line naming a group
 * (or the pasted {@code New-DistributionGroup … -Name '…'} command the runbook shows) creates that mail-enabled
 * security group, as the administrator would in Exchange Online PowerShell. Ctrl-C (or end of input) prints the
 * Graph calls made and stops. See docs/microsoft365.md, "The offline rig".
 *
 * <p>Options ({@code --name=value}): {@code token-port} (44443), {@code graph-port} (44444), {@code dns} (where
 * Microsoft looks the verification TXT up; 127.0.0.1:10053, the demo's zone), {@code users} (5: user01… of the
 * domain exist in the tenant, as directory synchronisation makes them), {@code domain} (contoso.com),
 * {@code licences} (10), {@code sku} (EXCHANGESTANDARD), {@code dir} (where the trust file goes; a new temporary
 * directory).
 */
public final class Microsoft365Rig {
    private static final Pattern GROUP_NAME = Pattern.compile("-Name\\s+'((?:[^']|'')*)'");

    private Microsoft365Rig() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int tokenPort = Integer.parseInt(options.getOrDefault("token-port", "44443"));
        int graphPort = Integer.parseInt(options.getOrDefault("graph-port", "44444"));
        String dns = options.getOrDefault("dns", "127.0.0.1:10053");
        int users = Integer.parseInt(options.getOrDefault("users", "5"));
        String domain = options.getOrDefault("domain", "contoso.com");
        int licences = Integer.parseInt(options.getOrDefault("licences", "10"));
        String sku = options.getOrDefault("sku", "EXCHANGESTANDARD");
        Path dir = options.containsKey("dir")
                ? Files.createDirectories(Path.of(options.get("dir")))
                : Files.createTempDirectory("mailferry-m365-rig");

        ExchangeOnlineRig rig = ExchangeOnlineRig.start(Duration.ofHours(1), tokenPort);
        Path trust = rig.trustFile(dir);
        Path keyStore = dir.resolve("graph.p12");
        try (InputStream in = Microsoft365Rig.class.getResourceAsStream("/m365/server.p12")) {
            Files.write(keyStore, in.readAllBytes());
        }
        GraphStandIn graph = new GraphStandIn(
                AppTokenCheck.fromJwks(rig.jwks(), rig.trust(), AppTokenCheck.graphAudiences()),
                "contoso.onmicrosoft.com",
                sku,
                licences,
                new DnsTxt(dns),
                keyStore,
                graphPort);
        List<String> synchronised = new ArrayList<>();
        for (int i = 1; i <= users; i++) {
            String address = String.format("user%02d@%s", i, domain);
            graph.synchronisedUser(address, String.format("User %02d", i));
            synchronised.add(address);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Graph calls made: " + graph.calls());
            graph.close();
            rig.close();
            stopped.countDown();
        }));

        System.out.println(arguments(rig, graph, trust, sku));
        System.out.println("Tenant users (as directory synchronisation made them): " + synchronised);
        System.out.println("Verification TXT looked up at " + dns + ". To create a mail-enabled security group, type"
                + " its name or paste the New-DistributionGroup command the runbook shows. Ctrl-C stops the rig.");
        try (BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = input.readLine()) != null) {
                String name = groupName(line);
                if (!name.isEmpty()) {
                    graph.newDistributionGroup(name);
                    System.out.println("Created the mail-enabled security group '" + name + "'");
                }
            }
        }
        // no more input (e.g. run in the background): keep serving until stopped
        stopped.await();
    }

    /** What to add to {@code java -jar target/mailferry.jar} (demo or production profile). */
    static String arguments(ExchangeOnlineRig rig, GraphStandIn graph, Path trust, String sku) {
        List<String> lines = new ArrayList<>();
        lines.add("java -jar target/mailferry.jar");
        lines.addAll(settings(rig, graph.url(), trust, sku));
        // the demo's Microsoft 365 SMTP stand-in is not started: welcome messages go to its on-premises one
        lines.add("--mailferry.notify.after-cutover-relay=127.0.0.1:3025");
        return String.join(" \\\n  ", lines);
    }

    /** The {@code --mailferry.m365.*} arguments that point a node at the rig's app, token server, Graph and IMAP. */
    public static List<String> settings(ExchangeOnlineRig rig, String graphUrl, Path trust, String sku) {
        return List.of(
                "--mailferry.m365.tenant-id=" + rig.tenant(),
                "--mailferry.m365.client-id=" + ExchangeOnlineRig.APP,
                "--mailferry.m365.client-secret=" + ExchangeOnlineRig.SECRET,
                "--mailferry.m365.licence-sku=" + sku,
                "--mailferry.m365.usage-location=DE",
                "--mailferry.m365.authority=" + rig.authority(),
                "--mailferry.m365.graph-url=" + graphUrl,
                "--mailferry.m365.imap-host=" + rig.imapHost(),
                "--mailferry.m365.imap-port=" + rig.imapPort(),
                "--mailferry.m365.trust-certificate-file=" + trust);
    }

    /** The group a line names: the {@code -Name '…'} of a pasted command, else the line itself. */
    static String groupName(String line) {
        Matcher command = GROUP_NAME.matcher(line);
        if (command.find()) {
            return command.group(1).replace("''", "'");
        }
        return line.trim();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Options are --name=value, not '" + arg + "'");
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }
}
