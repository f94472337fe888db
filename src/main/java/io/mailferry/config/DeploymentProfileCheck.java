package io.mailferry.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start a node whose configuration does not fit its profile, before anything is started or connected:
 *
 * <ul>
 *   <li><b>demo</b> (the default) binds to 127.0.0.1 and talks only to its own stand-ins, so it refuses a datasource,
 *       endpoint, directory, DNS or SMTP server on another host and a non-loopback {@code server.address};
 *   <li><b>production</b> has no demo value at all, so it names every setting a real migration needs and that is
 *       missing (an administrator, both endpoints, the directory, the SMTP relay, the tenant's initial domain), a
 *       connection that would carry passwords or mail unencrypted without its own {@code allow-plaintext} setting
 *       ({@link PlaintextSettings}), a propagation wait below the runbook's 72 hours, and a connection pool too small
 *       for the job executor;
 *   <li>any other choice (both, or neither) is refused: there is no third way to run Mailferry.
 * </ul>
 *
 * An {@link EnvironmentPostProcessor}, so the check runs after every property source is known and before the first
 * bean: a wrong production node exits within a second with one message listing everything to fix. A node that
 * starts with unencrypted connections allowed (the demo's stand-ins, or {@code allow-plaintext} in production) says so
 * in a warning.
 */
public class DeploymentProfileCheck implements EnvironmentPostProcessor, Ordered {
    public static final String DEMO = "demo";
    public static final String PRODUCTION = "production";
    /** The seed's "wait at least 72 hours" after the MX change. */
    static final Duration MIN_MX_PROPAGATION_WAIT = Duration.ofHours(72);

    private static final List<String> DEMO_HOST_SETTINGS = List.of(
            "mailferry.source.host",
            "mailferry.target.host",
            "spring.mail.host",
            "mailferry.notify.after-cutover-relay",
            "mailferry.dns.update.server");

    @Override
    public int getOrder() {
        // after ConfigDataEnvironmentPostProcessor has loaded application*.yaml and the profile files
        return Ordered.LOWEST_PRECEDENCE;
    }

    private final Log log;

    /** Spring Boot passes the log that is written once logging is set up. */
    public DeploymentProfileCheck(DeferredLogFactory logs) {
        this.log = logs.getLog(DeploymentProfileCheck.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> problems = check(environment);
        if (!problems.isEmpty()) {
            throw new InvalidDeploymentException(profileName(environment), problems);
        }
        List<String> plaintext = PlaintextSettings.of(environment).stream()
                .filter(PlaintextSettings.Plaintext::allowed)
                .map(PlaintextSettings.Plaintext::warning)
                .toList();
        if (!plaintext.isEmpty()) {
            log.warn("Unencrypted connections allowed by configuration, passwords and mail cross the network in"
                    + " clear: " + String.join("; ", plaintext));
        }
    }

    /** Every problem with the configuration for the active profile, each naming the setting; empty if none. */
    static List<String> check(ConfigurableEnvironment env) {
        Set<String> active = Set.copyOf(Arrays.asList(env.getActiveProfiles()));
        boolean demo = active.contains(DEMO)
                || (active.isEmpty() && Arrays.asList(env.getDefaultProfiles()).contains(DEMO));
        boolean production = active.contains(PRODUCTION);
        if (demo && production) {
            return List.of(
                    "the demo and production profiles cannot be combined: choose one in" + " spring.profiles.active");
        }
        if (demo) {
            return demoProblems(env);
        }
        if (production) {
            return productionProblems(env);
        }
        return List.of("spring.profiles.active is " + active + ": it must contain either 'production' (a real"
                + " migration) or 'demo' (embedded stand-ins on 127.0.0.1)");
    }

    private static List<String> demoProblems(ConfigurableEnvironment env) {
        List<String> problems = new ArrayList<>();
        String address = env.getProperty("server.address");
        if (address != null && !address.isBlank() && !isLoopback(address)) {
            problems.add("server.address=" + address + ": the demo has a well-known login and listens on 127.0.0.1"
                    + " only; run the production profile to serve other hosts");
        }
        String url = env.getProperty("spring.datasource.url");
        String dbHost = JdbcUrls.host(url);
        if (dbHost != null && !isLoopback(dbHost)) {
            problems.add("spring.datasource.url points to " + dbHost + ": the demo seeds and rewrites its database, so"
                    + " it only uses one on this machine (127.0.0.1 or localhost)");
        }
        boolean embeddedInMemory = url == null || url.trim().startsWith("jdbc:h2:mem:");
        String keyFile = env.getProperty("mailferry.secrets.master-key-file");
        boolean onThisMachine = dbHost == null || isLoopback(dbHost);
        if (!embeddedInMemory && onThisMachine && (keyFile == null || keyFile.isBlank())) {
            problems.add("mailferry.secrets.master-key-file is missing: the demo keeps its secrets in "
                    + JdbcUrls.describe(url) + ", which outlives the process, so their key must be kept in a file"
                    + " too (every node of a demo cluster gives the same file)");
        }
        if (Boolean.parseBoolean(env.getProperty("mailferry.demo.join", "false")) && dbHost == null) {
            problems.add("mailferry.demo.join=true needs the first demo node's database: give the same"
                    + " spring.datasource.url, a PostgreSQL on 127.0.0.1 (an embedded H2 belongs to one node)");
        }
        for (String setting : DEMO_HOST_SETTINGS) {
            String value = env.getProperty(setting);
            if (value != null && !value.isBlank() && !isLoopback(hostOf(value))) {
                problems.add(setting + "=" + value + ": the demo only talks to its own stand-ins on 127.0.0.1;"
                        + " real servers need the production profile");
            }
        }
        String directory = env.getProperty("mailferry.directory.url");
        if (directory != null && !directory.isBlank() && !isLoopback(uriHost(directory))) {
            problems.add("mailferry.directory.url=" + directory + ": the demo only writes to its own directory on"
                    + " 127.0.0.1; a real directory needs the production profile");
        }
        m365RigProblems(env, problems);
        String resolvers = env.getProperty("mailferry.dns.resolvers");
        if (resolvers != null) {
            for (String resolver : resolvers.split(",")) {
                if (!resolver.isBlank() && !isLoopback(hostOf(resolver.trim()))) {
                    problems.add("mailferry.dns.resolvers contains " + resolver.trim() + ": the demo answers for"
                            + " contoso.com from its own zone on 127.0.0.1");
                }
            }
        }
        return problems;
    }

    /**
     * A demo with {@code mailferry.m365.tenant-id} runs against the offline Microsoft 365 rig (docs/microsoft365.md):
     * its token server, Graph and IMAP server must be on this machine too, so that the demo's well-known login can
     * never change a real tenant. Unset, they would be Microsoft's own hosts.
     */
    private static void m365RigProblems(ConfigurableEnvironment env, List<String> problems) {
        String tenant = env.getProperty("mailferry.m365.tenant-id");
        if (tenant == null || tenant.isBlank()) {
            return;
        }
        for (String setting :
                List.of("mailferry.m365.authority", "mailferry.m365.graph-url", "mailferry.m365.imap-host")) {
            String value = env.getProperty(setting);
            String host =
                    value == null || value.isBlank() ? null : setting.endsWith("imap-host") ? value : uriHost(value);
            if (host == null || !isLoopback(host)) {
                problems.add(setting + "=" + (host == null ? "(unset: Microsoft's)" : value) + ": with"
                        + " mailferry.m365.tenant-id the demo talks to the Microsoft 365 rig on 127.0.0.1 only"
                        + " (docs/microsoft365.md); a real tenant needs the production profile");
            }
        }
    }

    private static List<String> productionProblems(ConfigurableEnvironment env) {
        List<String> problems = new ArrayList<>();
        require(env, problems, "camunda.bpm.admin-user.id", "the Camunda administrator's user name");
        require(env, problems, "camunda.bpm.admin-user.password", "the administrator's first password");
        if ("demo".equals(env.getProperty("camunda.bpm.admin-user.password"))) {
            problems.add("camunda.bpm.admin-user.password: the demo's well-known password is not allowed");
        }
        require(env, problems, "mailferry.source.host", "the on-premises Exchange server's IMAP host");
        require(env, problems, "mailferry.source.admin-user", "the Exchange administrator who reads every mailbox");
        require(env, problems, "mailferry.source.password", "that administrator's password");
        require(env, problems, "mailferry.directory.url", "the on-premises directory (ldaps://host:636)");
        require(env, problems, "mailferry.directory.bind-dn", "whom Mailferry binds to the directory as");
        require(env, problems, "mailferry.directory.bind-password", "that account's password");
        require(env, problems, "mailferry.directory.base-dn", "where the directory's users are");
        String m365Tenant = env.getProperty("mailferry.m365.tenant-id");
        if (m365Tenant == null || m365Tenant.isBlank()) {
            // with a tenant, the target is Exchange Online signed in with the app's token (XOAUTH2), and the real
            // tenant (Graph) knows its own initial domain; without one, both must be configured
            require(
                    env,
                    problems,
                    "mailferry.target.admin-user",
                    "the Microsoft 365 administrator who writes mailboxes");
            require(env, problems, "mailferry.target.password", "that administrator's password");
            require(env, problems, "mailferry.tenant.initial-domain", "the tenant's <name>.onmicrosoft.com domain");
        }
        require(env, problems, "spring.mail.host", "the SMTP relay that carries notices to users and operators");
        require(env, problems, "mailferry.notify.operators", "who gets the operators' notices");
        PlaintextSettings.of(env).stream()
                .filter(plaintext -> !plaintext.allowed())
                .map(PlaintextSettings.Plaintext::problem)
                .forEach(problems::add);
        String wait = env.getProperty("mailferry.timers.mx-propagation-wait");
        if (wait != null) {
            try {
                if (Duration.parse(wait.trim()).compareTo(MIN_MX_PROPAGATION_WAIT) < 0) {
                    problems.add("mailferry.timers.mx-propagation-wait=" + wait + ": the runbook waits at least 72"
                            + " hours (PT72H) after the MX change before anything depends on it");
                }
            } catch (DateTimeParseException e) {
                problems.add("mailferry.timers.mx-propagation-wait=" + wait + " is not an ISO-8601 duration"
                        + " (e.g. PT72H)");
            }
        }
        ConnectionBudget.check(env).ifPresent(problems::add);
        return problems;
    }

    private static void require(ConfigurableEnvironment env, List<String> problems, String setting, String what) {
        String value = env.getProperty(setting);
        if (value == null || value.isBlank()) {
            problems.add(setting + " is missing: " + what);
        }
    }

    private static String profileName(ConfigurableEnvironment env) {
        String[] active = env.getActiveProfiles();
        return active.length == 0 ? String.join(",", env.getDefaultProfiles()) : String.join(",", active);
    }

    /** {@code host}, {@code host:port} or {@code [v6]:port}. */
    static String hostOf(String hostAndPort) {
        String value = hostAndPort.trim();
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end > 0 ? value.substring(1, end) : value;
        }
        int colon = value.indexOf(':');
        return colon > 0 && value.indexOf(':', colon + 1) < 0 ? value.substring(0, colon) : value;
    }

    private static String uriHost(String url) {
        try {
            String host = URI.create(url.trim()).getHost();
            return host == null ? url : host;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    /** Loopback by name or address; a name is resolved (the demo's hosts are 127.0.0.1 or localhost anyway). */
    static boolean isLoopback(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.isEmpty() || h.equals("localhost") || h.startsWith("127.") || h.equals("::1")) {
            return true;
        }
        if (h.equals("0.0.0.0") || h.equals("::")) {
            return false;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(h)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false; // an unknown host is certainly not this machine's stand-in
        }
    }
}
