package io.mailferry.directory;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.util.ssl.SSLUtil;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.net.SocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The on-premises directory: lists the mailboxes of a domain and turns migrated mailboxes into mail-enabled users.
 * One short-lived connection per call.
 */
@Service
public class DirectoryService {
    private static final Logger log = LoggerFactory.getLogger(DirectoryService.class);
    /** Active Directory answers at most 1000 entries per page; smaller pages keep each response small. */
    private static final int PAGE_SIZE = 500;
    /** A runaway filter on a big forest should fail loudly, not fill the heap. */
    private static final int MAX_MAILBOXES = 100_000;

    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final long RESPONSE_TIMEOUT_MS = 60_000;

    private final DirectoryProperties properties;

    public DirectoryService(DirectoryProperties properties) {
        this.properties = properties;
    }

    /** Users (not contacts or computers) whose {@code mail} is in {@code domain}, sorted by address. */
    public List<DirectoryMailbox> listMailboxes(String domain) {
        String suffix = "@" + domain.trim().toLowerCase(Locale.ROOT);
        try (LDAPConnection connection = connect()) {
            List<DirectoryMailbox> mailboxes = new ArrayList<>();
            SearchRequest request = new SearchRequest(
                    properties.baseDn(),
                    SearchScope.SUB,
                    users(Filter.createSubstringFilter("mail", null, null, suffix)),
                    "mail",
                    "displayName",
                    "cn");
            ASN1OctetString cookie = null;
            do {
                request.setControls(new SimplePagedResultsControl(PAGE_SIZE, cookie, false));
                SearchResult result = connection.search(request);
                for (SearchResultEntry entry : result.getSearchEntries()) {
                    toMailbox(entry, suffix, mailboxes);
                }
                if (mailboxes.size() > MAX_MAILBOXES) {
                    throw new DirectoryException("More than " + MAX_MAILBOXES + " mailboxes of " + domain + " under "
                            + properties.baseDn() + " on " + properties.url() + "; narrow mailferry.directory.base-dn");
                }
                SimplePagedResultsControl paging = SimplePagedResultsControl.get(result);
                cookie = paging == null ? null : paging.getCookie();
            } while (cookie != null && cookie.getValueLength() > 0);
            mailboxes.sort(Comparator.comparing(DirectoryMailbox::address));
            return mailboxes;
        } catch (LDAPException e) {
            throw failure("search for mailboxes of " + domain, e);
        }
    }

    /**
     * Staged migration, seed step 8, for one user whose mailbox has moved: the on-premises mailbox of
     * {@code onPremisesAddress} becomes a mail-enabled user whose mail goes to {@code cloudAddress}
     * ({@code user@tenant.onmicrosoft.com} or {@code SMTP:user@…}); see {@link MailUserChanges} for what changes.
     * All changes go in one modify request, which the directory applies to the entry entirely or not at all. A user
     * already converted is left alone and reported as such, so running this again is safe.
     */
    public MailEnabledUserConversion convertToMailEnabledUser(String onPremisesAddress, String cloudAddress) {
        String cloud = MailUserChanges.smtpAddress(cloudAddress, onPremisesAddress);
        try (LDAPConnection connection = connect()) {
            SearchResultEntry user = user(connection, onPremisesAddress);
            if (!user.hasAttribute("mailNickname")) {
                throw problem(user.getDN() + " (mail " + onPremisesAddress.trim() + ") is not an Exchange recipient:"
                        + " it has no mailNickname, so there is no mailbox to convert");
            }
            MailUserChanges changes = new MailUserChanges(user, cloud);
            if (!changes.isEmpty()) {
                try {
                    connection.modify(new ModifyRequest(user.getDN(), changes.modifications()));
                } catch (LDAPException e) {
                    throw failure("convert " + user.getDN() + " to a mail-enabled user (safe to run again)", e);
                }
            }
            MailEnabledUserConversion result = changes.result();
            log.info(
                    "{} {} (mail forwarded to {}; removed {}; proxies added {})",
                    user.getDN(),
                    result.alreadyConverted() ? "was already a mail-enabled user" : "converted to a mail-enabled user",
                    result.targetAddress(),
                    result.removedAttributes(),
                    result.addedProxyAddresses());
            return result;
        }
    }

    /** The user whose {@code mail} is {@code address}, as Exchange sees it: to check a conversion afterwards. */
    public DirectoryRecipient recipient(String address) {
        try (LDAPConnection connection = connect()) {
            return DirectoryRecipient.of(user(connection, address));
        }
    }

    /** Exactly one user, or a readable error: converting the wrong one of two entries would lose a mailbox. */
    private SearchResultEntry user(LDAPConnection connection, String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("No on-premises address given to look up in " + properties.url());
        }
        String mail = address.trim();
        List<SearchResultEntry> found;
        try {
            found = connection
                    .search(new SearchRequest(
                            properties.baseDn(),
                            SearchScope.SUB,
                            users(Filter.createEqualityFilter("mail", mail)),
                            MailUserChanges.READ))
                    .getSearchEntries();
        } catch (LDAPException e) {
            throw failure("search for the user with mail " + mail, e);
        }
        if (found.isEmpty()) {
            throw problem("no user has mail " + mail);
        }
        if (found.size() > 1) {
            throw problem(found.size() + " users have mail " + mail + " ("
                    + found.stream().map(SearchResultEntry::getDN).collect(Collectors.joining("; "))
                    + "); the address must belong to one user only");
        }
        return found.get(0);
    }

    /** The server's matching rule should already ignore case; the suffix check makes sure of it. */
    private static void toMailbox(SearchResultEntry entry, String suffix, List<DirectoryMailbox> into) {
        String mail = entry.getAttributeValue("mail");
        if (mail == null || !mail.toLowerCase(Locale.ROOT).endsWith(suffix)) {
            return;
        }
        String name = entry.getAttributeValue("displayName");
        if (name == null || name.isBlank()) {
            name = entry.getAttributeValue("cn");
        }
        into.add(new DirectoryMailbox(entry.getDN(), mail.toLowerCase(Locale.ROOT), name == null ? mail : name));
    }

    /** Contacts and computers are persons in AD's class hierarchy too, but have no mailbox to migrate. */
    private static Filter users(Filter mail) {
        return Filter.createANDFilter(
                Filter.createEqualityFilter("objectClass", "person"),
                Filter.createNOTFilter(Filter.createEqualityFilter("objectClass", "contact")),
                Filter.createNOTFilter(Filter.createEqualityFilter("objectClass", "computer")),
                mail);
    }

    private LDAPConnection connect() {
        LDAPURL url;
        try {
            url = new LDAPURL(properties.url());
        } catch (LDAPException | RuntimeException e) {
            throw new DirectoryException("mailferry.directory.url '" + properties.url()
                    + "' is not an LDAP URL (expected ldap://host:389 or ldaps://host:636)");
        }
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(CONNECT_TIMEOUT_MS);
        options.setResponseTimeoutMillis(RESPONSE_TIMEOUT_MS);
        LDAPConnection connection = new LDAPConnection(socketFactory(url), options);
        try {
            connection.connect(url.getHost(), url.getPort());
        } catch (LDAPException e) {
            connection.close();
            throw failure("connect", e);
        }
        try {
            connection.bind(properties.bindDn(), properties.bindPassword());
        } catch (LDAPException e) {
            connection.close();
            throw failure("bind as " + properties.bindDn(), e);
        }
        return connection;
    }

    /** ldaps trusts what the JVM trusts: import the directory's CA into the JVM trust store, never trust all. */
    private static SocketFactory socketFactory(LDAPURL url) {
        if (!"ldaps".equalsIgnoreCase(url.getScheme())) {
            return SocketFactory.getDefault();
        }
        try {
            return new SSLUtil().createSSLSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new DirectoryException("Cannot set up TLS for " + url + ": " + e.getMessage());
        }
    }

    private DirectoryException failure(String action, LDAPException e) {
        ResultCode code = e.getResultCode();
        String reason = code.getName() + " (" + code.intValue() + ")";
        String diagnostic = e.getDiagnosticMessage() != null ? e.getDiagnosticMessage() : e.getExceptionMessage();
        if (diagnostic != null && !diagnostic.isBlank()) {
            reason += ": " + diagnostic;
        }
        String password = properties.bindPassword();
        if (password != null && !password.isEmpty()) {
            reason = reason.replace(password, "***");
        }
        return problem(action + " failed: " + reason);
    }

    private DirectoryException problem(String what) {
        return new DirectoryException(
                "Directory " + properties.url() + " (base DN " + properties.baseDn() + "): " + what);
    }
}
