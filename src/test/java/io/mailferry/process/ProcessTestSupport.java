package io.mailferry.process;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.mailferry.authority.MigrationAuthority;
import io.mailferry.dns.DnsLookupService;
import io.mailferry.dns.PropagationReport;
import io.mailferry.dns.ServerAnswer;
import io.mailferry.mailbox.TestDatabase;
import io.mailferry.mailboxmigration.MailboxMigrationIds;
import io.mailferry.mailrouting.DnsWaitGuards;
import io.mailferry.mailrouting.SwitchMailRoutingIds;
import io.mailferry.secrets.SecretStore;
import io.mailferry.sourceendpoint.CredentialReferenceGuard;
import io.mailferry.tenant.Tenant;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.springframework.jdbc.core.JdbcTemplate;

/** Helpers for the process-scope tests: delegates replaced by recording stand-ins, jobs run on demand. */
public final class ProcessTestSupport {
    /**
     * Not camunda.cfg.xml: under that name Camunda's ProcessEngines.init() would also build this engine as "default"
     * inside the Spring Boot tests, and the REST API would authenticate against its empty user table.
     */
    public static final String ENGINE_CONFIGURATION = "process-test.cfg.xml";

    private final ProcessEngine engine;
    private final Map<String, Integer> calls = new HashMap<>();
    private final Map<String, Deque<Object>> outcomes = new HashMap<>();

    public ProcessTestSupport(ProcessEngine engine) {
        this.engine = engine;
        // The Spring Boot tests' engine may be registered too; the assertions must use this one.
        AbstractAssertions.init(engine);
        Mocks.reset();
        ClockUtil.reset();
        MigrationTimers timers = new MigrationTimers();
        timers.setDomainRecheckInterval(Duration.ofMinutes(15));
        timers.setDomainMaxChecks(3);
        timers.setRoutingMaxChecks(2);
        Mocks.register("migrationTimers", timers);
        Mocks.register("mailboxGroups", new MailboxGroups());
        Mocks.register("migrationStartListener", new MigrationStartListener(timers, owned(sharedDatabase())));
    }

    private static DataSource shared;

    /** One migrated database for the migrations the process tests start, which record their domain there. */
    private static synchronized DataSource sharedDatabase() {
        if (shared == null) {
            shared = TestDatabase.migrated();
        }
        return shared;
    }

    /** What a migration owns, kept in {@code ds}: the database of the services a test runs real delegates on. */
    public static OwnedMigration owned(DataSource ds) {
        return owned(new JdbcTemplate(ds));
    }

    public static OwnedMigration owned(JdbcTemplate jdbc) {
        return new OwnedMigration(new MigrationAuthority(jdbc));
    }

    /**
     * Migrations started from here record their domain in {@code ds} (their batches' database), so that real
     * delegates on that database find the migration's own batches.
     */
    public OwnedMigration migrationsIn(JdbcTemplate jdbc) {
        OwnedMigration owned = owned(jdbc);
        Mocks.register("migrationStartListener", new MigrationStartListener(timers(), owned));
        return owned;
    }

    /**
     * A step started on its own, as a test does, becomes a migration of {@code domain} that created {@code batchIds}:
     * its real delegates then act on them as they would inside the migration.
     */
    public static void adopt(OwnedMigration owned, String processInstanceId, String domain, long... batchIds) {
        owned.authority().open(processInstanceId, domain);
        for (long batchId : batchIds) {
            owned.authority().claimBatch(processInstanceId, batchId);
        }
    }

    public MigrationTimers timers() {
        return (MigrationTimers) Mocks.get("migrationTimers");
    }

    /** Registers a delegate stand-in that counts its calls and applies {@code behaviour}. */
    public void delegate(String name, Consumer<DelegateExecution> behaviour) {
        Mocks.register(name, new StandIn(() -> calls.merge(name, 1, Integer::sum), behaviour));
    }

    /** Serves as a service-task delegate and as an execution listener, as the model needs. */
    private record StandIn(Runnable count, Consumer<DelegateExecution> behaviour)
            implements JavaDelegate, ExecutionListener {
        @Override
        public void execute(DelegateExecution execution) {
            count.run();
            behaviour.accept(execution);
        }

        @Override
        public void notify(DelegateExecution execution) {
            execute(execution);
        }
    }

    /** A delegate stand-in that sets the given variables. */
    public void delegate(String name, Object... keyValues) {
        delegate(name, execution -> {
            for (int i = 0; i < keyValues.length; i += 2) {
                execution.setVariable((String) keyValues[i], keyValues[i + 1]);
            }
        });
    }

    /** Successive values stand-ins report for {@code variable} (see {@link #next}). */
    public void outcomes(String variable, Object... values) {
        synchronized (outcomes) {
            outcomes.put(variable, new ArrayDeque<>(List.of(values)));
        }
    }

    /** The next of the {@link #outcomes} for {@code variable}; the last one repeats; {@code otherwise} when none. */
    public Object next(String variable, Object otherwise) {
        synchronized (outcomes) {
            Deque<Object> values = outcomes.get(variable);
            if (values == null || values.isEmpty()) {
                return otherwise;
            }
            return values.size() == 1 ? values.peek() : values.poll();
        }
    }

    /**
     * A migration batch's syncing as both runbooks run it: every MailboxMigration slice completes at once (added to
     * {@code passes} as "mailboxId:PASS"), the batch's initial sync is done per the outcomes of {@code initialSyncDone},
     * its mailboxes are counted as one group, its report is a one-line table, and a final sync request reaches every
     * mailbox of the batch.
     */
    public void batchSyncStandIns(List<String> passes) {
        delegate("syncMailboxSliceDelegate", x -> {
            synchronized (passes) {
                passes.add(x.getVariable("mailboxId") + ":" + x.getVariable("syncPass"));
            }
            x.setVariable("sliceComplete", true);
            x.setVariable("finalSyncRequested", false);
        });
        delegate("markMailboxFailedDelegate");
        delegate("checkInitialSyncDelegate", x -> x.setVariable("initialSyncDone", next("initialSyncDone", true)));
        Mocks.register("migrationReportGroups", new OneGroup());
        delegate("countReportGroupDelegate");
        delegate("prepareMigrationReportDelegate", "migrationReport", "| mailbox | folder | source | target |");
        delegate(
                "requestFinalSyncDelegate",
                x -> x.getProcessEngineServices()
                        .getRuntimeService()
                        .createMessageCorrelation(MailboxMigrationIds.MESSAGE_FINAL_SYNC_REQUESTED)
                        .processInstanceVariableEquals("batchId", x.getVariable("batchId"))
                        .correlateAll());
    }

    /**
     * The MX switch both runbooks share: stand-ins for its delegates (the MX TTL from the outcomes of {@code mxTtl},
     * 3,600 s by default; a TTL lowered by hand seen at every server per the outcomes of {@code mxTtlLowered}, records
     * changed by hand per those of {@code dnsChangesVisible}, both true by default; the SPF include offered per those
     * of {@code spfIncludeOffered}, false by default; the Autodiscover change by update server and the rollback of the
     * changes succeeding per those of {@code autodiscoverChanged} and {@code dnsRolledBack}, else their BPMN errors;
     * routing verified per the outcomes of {@code routingVerified}) and the real guards of its two DNS waits, over a
     * DNS whose servers all answer with the Microsoft 365 MX and Autodiscover CNAME.
     */
    public void mxSwitchStandIns() {
        delegate("inspectCurrentMxDelegate", x -> {
            long ttl = (Long) next("mxTtl", 3600L);
            x.setVariable("mxTtl", ttl);
            x.setVariable("mxTtlAboveHour", ttl > 3600);
            x.setVariable("currentMxHost", "mail.contoso.com");
            x.setVariable("ttlReduction", "byOperator");
        });
        delegate("applyMxTtlDelegate");
        delegate("checkMxTtlDelegate", x -> {
            boolean lowered = (Boolean) next("mxTtlLowered", true);
            x.setVariable("mxTtlLowered", lowered);
            x.setVariable("mxTtlCheck", lowered ? null : "ns2.contoso.com: MX 10 mail.contoso.com (TTL 86400)");
        });
        delegate(
                "recordTtlChangeDelegate",
                x -> x.setVariable(
                        "ttlWaitUntil",
                        new Date(ClockUtil.getCurrentTime().getTime()
                                + Duration.ofSeconds((Long) x.getVariable("mxTtl"))
                                        .toMillis())));
        delegate("prepareDnsRecordsDelegate", x -> {
            x.setVariable("mxRecord", "contoso.com. 3600 IN MX 0 contoso-com.mail.protection.outlook.com.");
            x.setVariable("mxTargetHost", "contoso-com.mail.protection.outlook.com");
            x.setVariable("spfIncludeOffered", next("spfIncludeOffered", false));
            Variables.setDefault(x, "changeSpf", false);
        });
        delegate("addSpfIncludeDelegate");
        delegate("pointMxAtMicrosoftDelegate");
        delegate("pointAutodiscoverAtMicrosoftDelegate", x -> {
            if (!(Boolean) next("autodiscoverChanged", true)) {
                throw new BpmnError(
                        SwitchMailRoutingIds.ERR_DNS_CHANGE_FAILED,
                        "127.0.0.1:53 accepted the update (CNAME autodiscover.contoso.com -> autodiscover.outlook.com)"
                                + " but does not serve the CNAME: autodiscover.contoso.com has other records");
            }
        });
        delegate(
                "listDnsChangesMadeDelegate",
                "dnsChangesMade",
                "Change 2 APPLIED 2026-03-14 10:00 UTC  MX contoso.com  (migration contoso.com, Task_PointMxAtMicrosoft)");
        delegate("rollBackDnsChangesDelegate", x -> {
            if (!(Boolean) next("dnsRolledBack", true)) {
                throw new BpmnError(
                        SwitchMailRoutingIds.ERR_DNS_ROLLBACK_REFUSED,
                        "Change 2 was not rolled back: the MX of contoso.com changed since Mailferry set it");
            }
        });
        delegate("checkDnsChangesDelegate", x -> {
            boolean visible = (Boolean) next("dnsChangesVisible", true);
            x.setVariable("dnsChangesVisible", visible);
            x.setVariable("dnsChangeCheck", visible ? null : "ns2.contoso.com: MX 10 mail.contoso.com (TTL 3600)");
        });
        delegate("recordMxChangeDelegate", x -> {
            Date now = ClockUtil.getCurrentTime();
            x.setVariable("mxChangedAt", now);
            x.setVariable(
                    "mxWaitUntil", new Date(now.getTime() + Duration.ofHours(72).toMillis()));
        });
        delegate("mailRoutingDefaultsListener", x -> {
            x.setVariable("dnsAutomationAvailable", false);
            x.setVariable("dnsUpdateServer", "(none configured)");
            Variables.setDefault(x, "applyDnsAutomatically", false);
        });
        delegate("verifyMailRoutingDelegate", x -> {
            x.setVariable("routingVerified", next("routingVerified", true));
            x.setVariable("routingStatus", "ns1.contoso.com: MX 10 mail.contoso.com (the old MX)");
            Variables.increment(x, "routingChecks");
        });
        DnsLookupService dns = mock(DnsLookupService.class);
        PropagationReport mx = new PropagationReport(
                "contoso.com",
                "MX 0 contoso-com.mail.protection.outlook.com",
                List.of(new ServerAnswer(
                        "127.0.0.1:53",
                        ServerAnswer.Status.MATCHES,
                        "ns1.contoso.com: MX 0 contoso-com.mail.protection.outlook.com")));
        when(dns.checkMx(any(), any())).thenReturn(mx);
        when(dns.checkMx(any(), any(), any())).thenReturn(mx);
        when(dns.checkCname(any(), any(), any()))
                .thenReturn(new PropagationReport(
                        "autodiscover.contoso.com",
                        "CNAME autodiscover.outlook.com",
                        List.of(new ServerAnswer(
                                "127.0.0.1:53",
                                ServerAnswer.Status.MATCHES,
                                "ns1.contoso.com: CNAME autodiscover.outlook.com (TTL 3600)"))));
        when(dns.checkSpfInclude(any(), any(), any()))
                .thenReturn(new PropagationReport(
                        "contoso.com",
                        "SPF include:spf.protection.outlook.com",
                        List.of(new ServerAnswer(
                                "127.0.0.1:53",
                                ServerAnswer.Status.MATCHES,
                                "ns1.contoso.com: SPF \"v=spf1 mx include:spf.protection.outlook.com -all\""))));
        // the real guards: they are what is tested; the steps run on their own here, so the domain is contoso.com's
        OwnedMigration owned = mock(OwnedMigration.class);
        when(owned.domain(any(DelegateTask.class))).thenReturn("contoso.com");
        Tenant tenant = mock(Tenant.class);
        when(tenant.mxTarget("contoso.com")).thenReturn("contoso-com.mail.protection.outlook.com");
        DnsWaitGuards guards = new DnsWaitGuards();
        Mocks.register("mxPropagationWaitGuard", guards.mxPropagationWaitGuard(dns, owned, tenant));
        Mocks.register("ttlWaitGuard", guards.ttlWaitGuard(dns, owned));
    }

    /**
     * VerifyDomain's delegates and listener: the domain is verified per the outcomes of {@code domainVerified} (true
     * by default), and no DNS update server is configured.
     */
    public void domainVerificationStandIns() {
        delegate("domainVerificationDefaultsListener", x -> {
            x.setVariable("dnsAutomationAvailable", false);
            x.setVariable("dnsUpdateServer", "(none configured)");
            Variables.setDefault(x, "publishAutomatically", false);
            x.setVariable("domainRecheckText", "15 minutes");
        });
        delegate(
                "addDomainToTenantDelegate",
                "verificationTxt",
                "MS=ms12345678",
                "verificationRecord",
                "contoso.com. 3600 IN TXT \"MS=ms12345678\"");
        delegate("publishVerificationTxtDelegate");
        delegate("checkDomainVerificationDelegate", x -> {
            boolean verified = (Boolean) next("domainVerified", true);
            x.setVariable("domainVerified", verified);
            x.setVariable("domainVerificationStatus", verified ? "verified" : "no TXT record MS=ms12345678 yet");
            Variables.increment(x, "domainChecks");
        });
    }

    /**
     * ConnectMicrosoft365's listener and delegate: the configuration shown is a stand-in's, the test mailbox offered
     * is user01@contoso.com, and every check passes per the outcomes of {@code m365Connected} (true by default).
     */
    public void tenantConnectionStandIns() {
        delegate("tenantConnectionDefaultsListener", x -> {
            x.setVariable("m365Tenant", "contoso.onmicrosoft.com");
            x.setVariable("m365ClientId", "00001111-aaaa-2222-bbbb-3333cccc4444");
            x.setVariable("m365Credential", "the certificate in /etc/mailferry/m365.pem");
            x.setVariable("m365LicenceSku", "EXCHANGESTANDARD");
            x.setVariable("m365InMemory", false);
            Variables.setDefault(x, "m365TestMailbox", "user01@contoso.com");
        });
        delegate("testTenantConnectionDelegate", x -> {
            boolean connected = (Boolean) next("m365Connected", true);
            x.setVariable("m365Connected", connected);
            x.setVariable("m365CheckResults", connected ? "- passed" : "- **FAILED** · **Users**: 403");
        });
    }

    /**
     * PrepareSourceServer's and ConnectSourceEndpoint's delegates and listeners: the server is ready per the outcomes
     * of {@code sourceServerReady}, the endpoint test passes per those of {@code endpointTestPassed} (both true by
     * default), and the endpoint form is pre-filled with {@code storedCredential}, which the real guard accepts when
     * {@code secrets} holds it.
     */
    public void sourceStandIns(String storedCredential, SecretStore secrets, LongSupplier endpointId) {
        delegate("sourceServerDefaultsListener", x -> {
            Variables.setDefault(x, "sourceHost", "mail.contoso.com");
            Variables.setDefault(x, "sourcePort", 993L);
            Variables.setDefault(x, "sourceSecurity", "TLS");
        });
        delegate("testSourceServerDelegate", x -> x.setVariable("sourceServerReady", next("sourceServerReady", true)));
        delegate("sourceEndpointDefaultsListener", x -> {
            Variables.setDefault(x, "sourceAdminUser", "administrator@contoso.com");
            Variables.setDefault(x, "sourceCredentialRef", storedCredential);
            Variables.setDefault(x, "sourceLoginMode", "PROXY");
        });
        delegate("createMigrationEndpointDelegate", x -> {
            x.setVariable("sourceEndpointId", endpointId.getAsLong());
            x.setVariable("endpointTestPassed", next("endpointTestPassed", true));
        });
        Mocks.register("credentialReferenceGuard", new CredentialReferenceGuard(secrets));
    }

    /**
     * LicencesAndDecommissioning's delegates: users lack a licence per the outcomes of {@code unlicensedCount} (none
     * by default); the grace notices' moments are those the real delegate works out (23 and 28 days from now when
     * the grace period is unknown), and a notice is recorded in {@code lastNotice}.
     */
    public void licenceStandIns() {
        Mocks.register("licenceGroups", new OneGroup());
        delegate("assignLicencesDelegate", x -> {});
        delegate("checkLicencesDelegate", x -> {
            x.setVariable("unlicensedCount", next("unlicensedCount", 0));
            x.setVariable("licenceStatus", "1 user without a licence: all licences of the tenant are in use");
            Date now = ClockUtil.getCurrentTime();
            Object ends = x.getVariable("licenceGraceEndsAt");
            long end = ends instanceof Date d
                    ? d.getTime()
                    : now.getTime() + Duration.ofDays(30).toMillis();
            x.setVariable("licenceGraceEndsText", "in 30 days");
            Variables.setDefault(
                    x, "licenceReminderAt", new Date(end - Duration.ofDays(7).toMillis()));
            Variables.setDefault(
                    x, "licenceEscalationAt", new Date(end - Duration.ofDays(2).toMillis()));
        });
        delegate("licenceGraceNoticeDelegate", x -> x.setVariable("lastNotice", x.getVariable("noticeLevel")));
    }

    /**
     * One group, whatever the migration: the collection of "Assign … licences" and of "Count the folders of each
     * mailbox".
     */
    public static final class OneGroup {
        public List<Integer> numbers(Object execution) {
            return List.of(0);
        }
    }

    public int calls(String delegate) {
        return calls.getOrDefault(delegate, 0);
    }

    /**
     * Executes each of {@code jobs} and returns, per job in order, how much {@code measure} grew meanwhile: what each
     * job's own transaction did (mailboxes started, conversions created, mailboxes asked).
     */
    public List<Long> growthPerJob(List<Job> jobs, LongSupplier measure) {
        List<Long> growth = new ArrayList<>();
        for (Job job : jobs) {
            long before = measure.getAsLong();
            engine.getManagementService().executeJob(job.getId());
            growth.add(measure.getAsLong() - before);
        }
        return growth;
    }

    /** Executes due jobs (async continuations, due timers) until none is left; returns how many ran. */
    public int runDueJobs() {
        int ran = 0;
        for (int guard = 0; guard < 500; guard++) {
            Job job = engine.getManagementService().createJobQuery().executable().listPage(0, 1).stream()
                    .findFirst()
                    .orElse(null);
            if (job == null) {
                return ran;
            }
            engine.getManagementService().executeJob(job.getId());
            ran++;
        }
        throw new AssertionError("Jobs keep coming after 500 executions: a loop without a wait state?");
    }

    /** Moves the engine clock forward, so that timers become due. */
    public void advance(Duration by) {
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + by.toMillis()));
    }
}
