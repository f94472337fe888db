package io.mailferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.mailferry.directory.DirectoryMailbox;
import io.mailferry.directory.DirectoryProperties;
import io.mailferry.directory.DirectoryRecipient;
import io.mailferry.directory.DirectoryService;
import io.mailferry.directory.MailEnabledUserConversion;
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

    private DirectoryService service() {
        return new DirectoryService(
                new DirectoryProperties(directory.url(), "cn=admin,dc=contoso,dc=com", "demo", "dc=contoso,dc=com"));
    }

    @Test
    void directoryServiceFindsTheFiveDemoMailboxesButNotTheServiceAccount() {
        assertThat(service().listMailboxes("contoso.com"))
                .hasSize(5)
                .first()
                .isEqualTo(
                        new DirectoryMailbox("uid=user01,ou=Users,dc=contoso,dc=com", "user01@contoso.com", "User 01"));
    }

    @Test
    void entriesCarryExchangeAttributes() throws Exception {
        try (LDAPConnection connection =
                new LDAPConnection("127.0.0.1", directory.port(), "cn=admin,dc=contoso,dc=com", "demo")) {
            SearchResultEntry user = connection.getEntry("uid=user02,ou=Users,dc=contoso,dc=com");
            assertThat(user.getAttributeValue("mail")).isEqualTo("user02@contoso.com");
            assertThat(user.getAttributeValue("cn")).isEqualTo("User 02");
            assertThat(user.getAttributeValues("proxyAddresses")).contains("SMTP:user02@contoso.com");
            assertThat(user.getAttributeValue("msExchHomeServerName")).endsWith("cn=EXCH01");
            assertThat(user.getAttributeValue("homeMDB"))
                    .startsWith("CN=Mailbox Database,")
                    .endsWith(",dc=contoso,dc=com");
            assertThat(user.getAttributeValue("mailNickname")).isEqualTo("user02");
            assertThat(user.getAttributeValue("legacyExchangeDN")).endsWith("/cn=Recipients/cn=user02");
            assertThat(user.getAttributeValueBytes("msExchMailboxGuid")).hasSize(16);
            SearchResultEntry service = connection.getEntry("uid=svc-backup,ou=Users,dc=contoso,dc=com");
            assertThat(service).isNotNull();
            assertThat(service.hasAttribute("mail")).isFalse();
        }
    }

    @Test
    void everyDemoMailboxConvertsToAMailEnabledUserOnce() throws Exception {
        DirectoryService service = service();
        byte[] guidBefore = mailboxGuid("user03");
        for (int i = 1; i <= 5; i++) {
            String address = String.format("user%02d@contoso.com", i);
            String cloud = String.format("SMTP:user%02d@contoso.onmicrosoft.com", i);

            MailEnabledUserConversion result = service.convertToMailEnabledUser(address, cloud);

            assertThat(result.alreadyConverted()).isFalse();
            assertThat(result.removedAttributes())
                    .containsExactlyInAnyOrder(
                            "homeMDB",
                            "homeMTA",
                            "msExchHomeServerName",
                            "mDBUseDefaults",
                            "msExchMailboxSecurityDescriptor",
                            "msExchPoliciesIncluded",
                            "msExchUserAccountControl");
            assertThat(result.targetAddress()).isEqualTo(cloud);
            DirectoryRecipient recipient = service.recipient(address);
            assertThat(recipient.mailEnabledUser()).isTrue();
            assertThat(recipient.proxyAddresses()).contains("SMTP:" + address, "smtp:" + cloud.substring(5));
            assertThat(service.convertToMailEnabledUser(address, cloud).alreadyConverted())
                    .isTrue();
        }
        assertThat(mailboxGuid("user03")).isEqualTo(guidBefore);
        // still users with mail: the domain's list is the same as before
        assertThat(service.listMailboxes("contoso.com")).hasSize(5);
    }

    private byte[] mailboxGuid(String uid) throws Exception {
        try (LDAPConnection connection =
                new LDAPConnection("127.0.0.1", directory.port(), "cn=admin,dc=contoso,dc=com", "demo")) {
            return connection
                    .getEntry("uid=" + uid + ",ou=Users,dc=contoso,dc=com")
                    .getAttributeValueBytes("msExchMailboxGuid");
        }
    }
}
