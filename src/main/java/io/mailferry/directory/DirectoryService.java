package io.mailferry.directory;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
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
import javax.net.SocketFactory;
import org.springframework.stereotype.Service;

/** Lists the mailboxes of a domain from the on-premises directory. One short-lived connection per call. */
@Service
public class DirectoryService {
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
            SearchRequest request = new SearchRequest(properties.baseDn(), SearchScope.SUB, filter(suffix),
                    "mail", "displayName", "cn");
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
    private static Filter filter(String suffix) {
        return Filter.createANDFilter(
                Filter.createEqualityFilter("objectClass", "person"),
                Filter.createNOTFilter(Filter.createEqualityFilter("objectClass", "contact")),
                Filter.createNOTFilter(Filter.createEqualityFilter("objectClass", "computer")),
                Filter.createSubstringFilter("mail", null, null, suffix));
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
        return new DirectoryException("Directory " + properties.url() + " (base DN " + properties.baseDn() + "): "
                + action + " failed: " + reason);
    }
}
