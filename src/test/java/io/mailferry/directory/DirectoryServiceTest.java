package io.mailferry.directory;

import static io.mailferry.directory.TestDirectory.ADMIN;
import static io.mailferry.directory.TestDirectory.BASE;
import static io.mailferry.directory.TestDirectory.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DirectoryServiceTest {
    private TestDirectory directory;
    private InMemoryDirectoryServer server;

    @BeforeEach
    void startDirectory() throws Exception {
        directory = new TestDirectory();
        server = directory.server;
        user("uid=bob", "Bob@Contoso.com", "Bob Builder", true);
        user("uid=alice", "alice@contoso.com", null, false);
        user("uid=carol", "carol@fabrikam.com", "Carol", true);
        user("uid=mallory", "mallory@notcontoso.com", "Mallory", true);
        server.add(
                "dn: uid=svc-backup,ou=Users," + BASE,
                "objectClass: person",
                "objectClass: inetOrgPerson",
                "uid: svc-backup",
                "cn: Backup Service",
                "sn: Service");
        server.add(
                "dn: cn=Partner,ou=Users," + BASE,
                "objectClass: person",
                "objectClass: contact",
                "cn: Partner",
                "sn: Partner",
                "mail: partner@contoso.com");
        server.add(
                "dn: cn=EXCH01,ou=Users," + BASE,
                "objectClass: person",
                "objectClass: user",
                "objectClass: computer",
                "cn: EXCH01",
                "mail: exch01@contoso.com");
        server.add(
                "dn: cn=Sales,ou=Users," + BASE, "objectClass: groupOfNames", "cn: Sales", "mail: sales@contoso.com");
        directory.start();
    }

    private void user(String rdn, String mail, String displayName, boolean withDisplayName) throws Exception {
        String cn = rdn.substring(4);
        if (withDisplayName) {
            server.add(
                    "dn: " + rdn + ",ou=Users," + BASE,
                    "objectClass: person",
                    "objectClass: inetOrgPerson",
                    "cn: " + cn,
                    "sn: " + cn,
                    "mail: " + mail,
                    "displayName: " + displayName);
        } else {
            server.add(
                    "dn: " + rdn + ",ou=Users," + BASE,
                    "objectClass: person",
                    "objectClass: inetOrgPerson",
                    "cn: " + cn,
                    "sn: " + cn,
                    "mail: " + mail);
        }
    }

    @AfterEach
    void stopDirectory() {
        directory.close();
    }

    @Test
    void listsOnlyMailUsersOfTheDomainSortedByAddress() {
        assertThat(directory.service(PASSWORD).listMailboxes("CONTOSO.com"))
                .containsExactly(
                        new DirectoryMailbox("uid=alice,ou=Users," + BASE, "alice@contoso.com", "alice"),
                        new DirectoryMailbox("uid=bob,ou=Users," + BASE, "bob@contoso.com", "Bob Builder"));
        assertThat(directory.service(PASSWORD).listMailboxes("fabrikam.com"))
                .extracting(DirectoryMailbox::address)
                .containsExactly("carol@fabrikam.com");
        assertThat(directory.service(PASSWORD).listMailboxes("example.org")).isEmpty();
    }

    @Test
    void pagesThroughLargeDirectories() throws Exception {
        for (int i = 0; i < 1_234; i++) {
            user(String.format("uid=u%04d", i), String.format("u%04d@contoso.com", i), "U " + i, true);
        }
        assertThat(directory.service(PASSWORD).listMailboxes("contoso.com"))
                .hasSize(1_236)
                .extracting(DirectoryMailbox::address)
                .isSorted();
    }

    @Test
    void wrongBindPasswordGivesAReadableErrorWithoutThePassword() {
        String wrong = "Wr0ng-Passw0rd";
        assertThatThrownBy(() -> directory.service(wrong).listMailboxes("contoso.com"))
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
        DirectoryService service = directory.service(PASSWORD);
        server.shutDown(true);
        assertThatThrownBy(() -> service.listMailboxes("contoso.com"))
                .isInstanceOf(DirectoryException.class)
                .hasMessageContaining("ldap://127.0.0.1:" + port)
                .hasMessageContaining("connect failed");
    }

    @Test
    void propertiesDoNotPrintThePassword() {
        assertThat(new DirectoryProperties("ldap://x", ADMIN, PASSWORD, BASE).toString())
                .doesNotContain(PASSWORD);
    }
}
