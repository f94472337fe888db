package io.mailferry.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.net.InetAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DirectoryServiceTest {
    private static final String BASE = "dc=contoso,dc=com";
    private static final String ADMIN = "cn=admin," + BASE;
    private static final String PASSWORD = "s3cret-Bind!";

    private InMemoryDirectoryServer server;

    @BeforeEach
    void startDirectory() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.addAdditionalBindCredentials(ADMIN, PASSWORD);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("test",
                InetAddress.getLoopbackAddress(), 0, null));
        config.setSchema(null); // AD's contact and computer classes are not in the standard schema
        server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: domain", "dc: contoso");
        server.add("dn: ou=Users," + BASE, "objectClass: organizationalUnit", "ou: Users");
        user("uid=bob", "Bob@Contoso.com", "Bob Builder", true);
        user("uid=alice", "alice@contoso.com", null, false);
        user("uid=carol", "carol@fabrikam.com", "Carol", true);
        user("uid=mallory", "mallory@notcontoso.com", "Mallory", true);
        server.add("dn: uid=svc-backup,ou=Users," + BASE, "objectClass: person", "objectClass: inetOrgPerson",
                "uid: svc-backup", "cn: Backup Service", "sn: Service");
        server.add("dn: cn=Partner,ou=Users," + BASE, "objectClass: person", "objectClass: contact",
                "cn: Partner", "sn: Partner", "mail: partner@contoso.com");
        server.add("dn: cn=EXCH01,ou=Users," + BASE, "objectClass: person", "objectClass: user",
                "objectClass: computer", "cn: EXCH01", "mail: exch01@contoso.com");
        server.add("dn: cn=Sales,ou=Users," + BASE, "objectClass: groupOfNames", "cn: Sales",
                "mail: sales@contoso.com");
        server.startListening();
    }

    private void user(String rdn, String mail, String displayName, boolean withDisplayName) throws Exception {
        String cn = rdn.substring(4);
        if (withDisplayName) {
            server.add("dn: " + rdn + ",ou=Users," + BASE, "objectClass: person", "objectClass: inetOrgPerson",
                    "cn: " + cn, "sn: " + cn, "mail: " + mail, "displayName: " + displayName);
        } else {
            server.add("dn: " + rdn + ",ou=Users," + BASE, "objectClass: person", "objectClass: inetOrgPerson",
                    "cn: " + cn, "sn: " + cn, "mail: " + mail);
        }
    }

    @AfterEach
    void stopDirectory() {
        server.shutDown(true);
    }

    private DirectoryService service(String password) {
        return new DirectoryService(new DirectoryProperties("ldap://127.0.0.1:" + server.getListenPort(), ADMIN,
                password, BASE));
    }

    @Test
    void listsOnlyMailUsersOfTheDomainSortedByAddress() {
        assertThat(service(PASSWORD).listMailboxes("CONTOSO.com")).containsExactly(
                new DirectoryMailbox("uid=alice,ou=Users," + BASE, "alice@contoso.com", "alice"),
                new DirectoryMailbox("uid=bob,ou=Users," + BASE, "bob@contoso.com", "Bob Builder"));
        assertThat(service(PASSWORD).listMailboxes("fabrikam.com"))
                .extracting(DirectoryMailbox::address).containsExactly("carol@fabrikam.com");
        assertThat(service(PASSWORD).listMailboxes("example.org")).isEmpty();
    }

    @Test
    void pagesThroughLargeDirectories() throws Exception {
        for (int i = 0; i < 1_234; i++) {
            user(String.format("uid=u%04d", i), String.format("u%04d@contoso.com", i), "U " + i, true);
        }
        assertThat(service(PASSWORD).listMailboxes("contoso.com")).hasSize(1_236)
                .extracting(DirectoryMailbox::address).isSorted();
    }

    @Test
    void wrongBindPasswordGivesAReadableErrorWithoutThePassword() {
        String wrong = "Wr0ng-Passw0rd";
        assertThatThrownBy(() -> service(wrong).listMailboxes("contoso.com"))
                .isInstanceOf(DirectoryException.class)
                .hasMessageContaining("ldap://127.0.0.1:" + server.getListenPort())
                .hasMessageContaining(BASE)
                .hasMessageContaining("bind as " + ADMIN)
                .hasMessageContaining("invalid credentials")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(PASSWORD));
    }

    @Test
    void unreachableServerIsNamed() {
        int port = server.getListenPort();
        DirectoryService service = service(PASSWORD);
        server.shutDown(true);
        assertThatThrownBy(() -> service.listMailboxes("contoso.com"))
                .isInstanceOf(DirectoryException.class)
                .hasMessageContaining("ldap://127.0.0.1:" + port).hasMessageContaining("connect failed");
    }

    @Test
    void propertiesDoNotPrintThePassword() {
        assertThat(new DirectoryProperties("ldap://x", ADMIN, PASSWORD, BASE).toString()).doesNotContain(PASSWORD);
    }
}
