package io.mailferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.mailferry.directory.DirectoryMailbox;
import io.mailferry.directory.DirectoryProperties;
import io.mailferry.directory.DirectoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoDirectoryTest {
    private DemoDirectory directory;

    @BeforeEach
    void start() throws Exception {
        directory = new DemoDirectory(DemoProperties.onFreePorts(5));
    }

    @AfterEach
    void stop() {
        directory.destroy();
    }

    @Test
    void directoryServiceFindsTheFiveDemoMailboxesButNotTheServiceAccount() {
        DirectoryService service = new DirectoryService(new DirectoryProperties(directory.url(),
                "cn=admin,dc=contoso,dc=com", "demo", "dc=contoso,dc=com"));

        assertThat(service.listMailboxes("contoso.com")).hasSize(5).first().isEqualTo(new DirectoryMailbox(
                "uid=user01,ou=Users,dc=contoso,dc=com", "user01@contoso.com", "User 01"));
    }

    @Test
    void entriesCarryExchangeAttributes() throws Exception {
        try (LDAPConnection connection = new LDAPConnection("127.0.0.1", directory.port(),
                "cn=admin,dc=contoso,dc=com", "demo")) {
            SearchResultEntry user = connection.getEntry("uid=user02,ou=Users,dc=contoso,dc=com");
            assertThat(user.getAttributeValue("mail")).isEqualTo("user02@contoso.com");
            assertThat(user.getAttributeValue("cn")).isEqualTo("User 02");
            assertThat(user.getAttributeValues("proxyAddresses")).contains("SMTP:user02@contoso.com");
            assertThat(user.getAttributeValue("msExchHomeServerName")).endsWith("cn=EXCH01");
            SearchResultEntry service = connection.getEntry("uid=svc-backup,ou=Users,dc=contoso,dc=com");
            assertThat(service).isNotNull();
            assertThat(service.hasAttribute("mail")).isFalse();
        }
    }
}
