package io.mailferry.staged;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailferry.batch.BatchMailbox;
import io.mailferry.batch.MigrationBatchService;
import io.mailferry.mailbox.TestDatabase;
import io.mailferry.mailboxlist.MailboxList;
import io.mailferry.mailboxlist.MailboxListService;
import io.mailferry.secrets.SecretStore;
import io.mailferry.tenant.InMemoryTenant;
import io.mailferry.tenant.TenantProperties;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The real services of a staged migration on a fresh H2 database with the Flyway migrations: the secret store, a
 * tenant that verified contoso.com through its TXT record, mailbox lists and migration batches.
 */
public final class ListFixture {
    public static final String INITIAL_DOMAIN = "contoso.onmicrosoft.com";
    public final JdbcTemplate jdbc;
    public final SecretStore secrets;
    public final InMemoryTenant tenant;
    public final MailboxListService lists;
    public final MigrationBatchService batches;
    public final long sourceEndpoint;
    public final long targetEndpoint;

    public ListFixture(int licences) {
        DataSource dataSource = TestDatabase.migrated();
        jdbc = new JdbcTemplate(dataSource);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        secrets = new SecretStore(jdbc, TestDatabase.secretStoreProperties());
        TenantProperties properties = new TenantProperties("staged-test", licences, false, INITIAL_DOMAIN);
        Map<String, List<String>> txt = new ConcurrentHashMap<>();
        tenant = new InMemoryTenant(properties, name -> txt.getOrDefault(name, List.of()));
        txt.put("contoso.com", List.of(tenant.addDomain("contoso.com")));
        assertThat(tenant.verifyDomain("contoso.com").verified()).isTrue();
        lists = new MailboxListService(jdbc, transactions, tenant, properties);
        batches = new MigrationBatchService(jdbc, transactions);
        sourceEndpoint = TestDatabase.insertEndpoint(jdbc, "Exchange 2007");
        targetEndpoint = TestDatabase.insertEndpoint(jdbc, "Microsoft 365");
    }

    public static String address(int i) {
        return String.format("user%02d@contoso.com", i);
    }

    /** A list of {@code count} mailboxes user01… with passwords, split into batches of 2,000 when longer. */
    public MailboxList storeList(int count) {
        StringBuilder csv = new StringBuilder("EmailAddress,Password,ForceChangePassword\n");
        for (int i = 1; i <= count; i++) {
            csv.append(address(i)).append(",Staged-Pw-").append(i).append(",False\n");
        }
        return lists.store("wave.csv", csv.toString().getBytes(StandardCharsets.UTF_8), count > 2000, "olga");
    }

    /**
     * {@code count} addresses as long as real ones often are ({@code firstname.lastname…@contoso.com}, about 40
     * characters), for what must stay short however many users a list names.
     */
    public static List<String> realisticAddresses(int count) {
        return java.util.stream.IntStream.rangeClosed(1, count)
                .mapToObj(i -> String.format("annemarie.vandenberg-hoogstraten%03d@contoso.com", i))
                .toList();
    }

    /** A list of these addresses, without passwords (the users come from directory synchronisation). */
    public MailboxList storeList(List<String> addresses) {
        String csv = "EmailAddress\n" + String.join("\n", addresses) + "\n";
        return lists.store("long-names.csv", csv.getBytes(StandardCharsets.UTF_8), addresses.size() > 2000, "olga");
    }

    /** Batch 1 of a new list of {@code mailboxes}, made by the real service: every mailbox Queued. */
    public long batchOf(int mailboxes) {
        return new StagedBatchService(lists, batches)
                .createBatch(storeList(mailboxes).id(), 1, "contoso.com", sourceEndpoint, targetEndpoint)
                .batchId();
    }

    public BatchMailbox mailbox(long batchId, int index) {
        return batches.mailboxes(batchId).get(index);
    }

    /** Directory synchronisation as far as the tenant sees it: users user01 to user{count}. */
    public void synchroniseUsers(int count) {
        for (int i = 1; i <= count; i++) {
            tenant.createUser(address(i), "User " + i);
        }
    }
}
