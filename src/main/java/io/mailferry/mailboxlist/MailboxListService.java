package io.mailferry.mailboxlist;

import io.mailferry.tenant.Tenant;
import io.mailferry.tenant.TenantProperties;
import io.mailferry.text.Fit;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores mailbox lists for the staged migration and hands their batches out. A list is checked against the
 * tenant's verified domains and single sign-on setting, then stored in one transaction: a rejected list stores
 * nothing. The Password column is checked as Microsoft's runbook asks, but no step of Mailferry signs in with those
 * passwords (the users come from directory synchronisation), so they are wiped, never stored.
 */
@Service
public class MailboxListService {
    private static final Logger log = LoggerFactory.getLogger(MailboxListService.class);
    private static final int CHUNK = 500;
    private static final int MAX_FILE_NAME = 255;
    private static final int MAX_USER = 200;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Tenant tenant;
    private final TenantProperties tenantProperties;

    public MailboxListService(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            Tenant tenant,
            TenantProperties tenantProperties) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactionManager);
        this.tenant = tenant;
        this.tenantProperties = tenantProperties;
    }

    /**
     * Checks and stores the list in {@code content}. With {@code split} a list of more than 2,000 mailboxes becomes
     * several batches; without, it is refused.
     *
     * @throws MailboxListRejectedException with every problem, when there is any; nothing is stored then
     */
    public MailboxList store(String fileName, byte[] content, boolean split, String createdBy) {
        return store(fileName, content, split, MailboxListValidator.MAX_BATCH_SIZE, createdBy);
    }

    /**
     * As {@link #store(String, byte[], boolean, String)} with batches of at most {@code batchSize} mailboxes (1 to
     * 2,000): a pilot of a few users can run as several small batches.
     *
     * @throws IllegalArgumentException when {@code batchSize} is not 1 to 2,000
     *         ({@link ValidationRules#batchSizeProblem}); nothing is stored then
     */
    public MailboxList store(String fileName, byte[] content, boolean split, int batchSize, String createdBy) {
        ValidationRules rules =
                new ValidationRules(tenant.verifiedDomains(), tenantProperties.singleSignOn(), split, batchSize);
        String name = fileName(fileName);
        try (ValidatedList list = new MailboxListValidator(rules).validate(content)) {
            if (!list.valid()) {
                log.info("Mailbox list '{}' from {} refused: {} problem(s)", name, who(createdBy), list.problemCount());
                throw new MailboxListRejectedException(list.problems(), list.problemCount());
            }
            long id = Objects.requireNonNull(tx.execute(status -> insert(name, createdBy, list.entries())));
            log.info(
                    "Mailbox list {} ('{}') stored by {}: {} mailboxes in {} batch(es) of at most {}",
                    id,
                    name,
                    who(createdBy),
                    list.mailboxes(),
                    list.batches().size(),
                    batchSize);
            return find(id);
        }
    }

    public MailboxList find(long id) {
        List<MailboxList> lists = jdbc.query(
                "SELECT id, file_name, created_by, created_at FROM mf_mailbox_list " + "WHERE id = ?",
                (rs, n) -> new MailboxList(
                        rs.getLong(1),
                        rs.getString(2),
                        0,
                        List.of(),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant()),
                id);
        if (lists.isEmpty()) {
            throw new MailboxListNotFoundException("There is no mailbox list with id " + id);
        }
        List<BatchSize> batches = jdbc.query(
                "SELECT batch_number, COUNT(*) FROM mf_mailbox_list_entry "
                        + "WHERE list_id = ? GROUP BY batch_number ORDER BY batch_number",
                (rs, n) -> new BatchSize(rs.getInt(1), rs.getInt(2)),
                id);
        MailboxList list = lists.get(0);
        return new MailboxList(
                list.id(),
                list.fileName(),
                batches.stream().mapToInt(BatchSize::mailboxes).sum(),
                batches,
                list.createdBy(),
                list.createdAt());
    }

    /** Every address of the list, batch after batch, in the order of the file. */
    public List<String> addresses(long id) {
        List<String> addresses = new ArrayList<>();
        for (BatchSize batch : find(id).batches()) {
            rows(id, batch.number()).stream().map(ListedMailbox::address).forEach(addresses::add);
        }
        return addresses;
    }

    /** The mailboxes of batch {@code batchNumber} (from 1) of the list, in the order of the file. */
    public List<ListedMailbox> rows(long id, int batchNumber) {
        MailboxList list = find(id);
        if (batchNumber < 1 || batchNumber > list.batches().size()) {
            throw new MailboxListNotFoundException("Mailbox list " + id + " has "
                    + list.batches().size() + " batch(es), numbered from 1; there is no batch " + batchNumber);
        }
        return jdbc.query(
                "SELECT email_address, force_change_password, batch_number, source_row "
                        + "FROM mf_mailbox_list_entry WHERE list_id = ? AND batch_number = ? ORDER BY source_row",
                (rs, n) -> new ListedMailbox(rs.getString(1), rs.getBoolean(2), rs.getInt(3), rs.getInt(4)),
                id,
                batchNumber);
    }

    /** Runs inside one transaction; the passwords stay behind in the list, which wipes them when closed. */
    private long insert(String fileName, String createdBy, List<ListEntry> entries) {
        long id = insertList(fileName, createdBy);
        for (int from = 0; from < entries.size(); from += CHUNK) {
            List<ListEntry> chunk = entries.subList(from, Math.min(entries.size(), from + CHUNK));
            List<Object[]> rows = new ArrayList<>(chunk.size());
            for (ListEntry entry : chunk) {
                rows.add(new Object[] {id, entry.row(), entry.batch(), entry.address(), entry.forceChangePassword()});
            }
            jdbc.batchUpdate(
                    "INSERT INTO mf_mailbox_list_entry (list_id, source_row, batch_number, email_address, "
                            + "force_change_password) VALUES (?, ?, ?, ?, ?)",
                    rows);
        }
        return id;
    }

    private long insertList(String fileName, String createdBy) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(
                con -> {
                    PreparedStatement ps = con.prepareStatement(
                            "INSERT INTO mf_mailbox_list (file_name, created_by, " + "created_at) VALUES (?, ?, ?)",
                            new String[] {"id"});
                    ps.setString(1, fileName);
                    ps.setString(2, Fit.column(createdBy, MAX_USER));
                    ps.setTimestamp(3, Timestamp.from(Instant.now()));
                    return ps;
                },
                keys);
        return Objects.requireNonNull(keys.getKey(), "generated mailbox list id")
                .longValue();
    }

    /** The name without the folders some browsers send along, on one line, fit for the column and the log. */
    private static String fileName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return null;
        }
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        return Fit.column(CellChecks.shownLine(name), MAX_FILE_NAME);
    }

    private static String who(String user) {
        return user == null ? "?" : CellChecks.shownLine(user);
    }
}
