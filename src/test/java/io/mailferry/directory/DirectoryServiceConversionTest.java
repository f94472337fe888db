package io.mailferry.directory;

import static io.mailferry.directory.TestDirectory.ADMIN;
import static io.mailferry.directory.TestDirectory.BASE;
import static io.mailferry.directory.TestDirectory.PASSWORD;
import static io.mailferry.directory.TestDirectory.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Staged migration, seed step 8: a migrated mailbox becomes a mail-enabled user, against a real LDAP server. */
class DirectoryServiceConversionTest {
    private static final String BOB = "uid=bob," + USERS;
    private static final String CAROL = "uid=carol," + USERS;
    private static final String SERVER = "CN=EXCH01,CN=Servers,CN=First Administrative Group,"
            + "CN=Administrative Groups,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration," + BASE;
    private static final String BOB_LEGACY_DN = "/o=Contoso/ou=First Administrative Group/cn=Recipients/cn=bob";
    private static final byte[] BOB_GUID = {
        0x1f,
        0x2e,
        0x3d,
        0x4c,
        0x5b,
        0x6a,
        0x79,
        (byte) 0x88,
        (byte) 0x97,
        (byte) 0xa6,
        (byte) 0xb5,
        (byte) 0xc4,
        (byte) 0xd3,
        (byte) 0xe2,
        (byte) 0xf1,
        0x00
    };
    /** Every mailbox attribute an Exchange 2007 mailbox of this test carries. */
    private static final String[] BOB_MAILBOX_ATTRIBUTES = {
        "homeMDB",
        "homeMTA",
        "msExchHomeServerName",
        "mDBUseDefaults",
        "mDBStorageQuota",
        "msExchMailboxSecurityDescriptor",
        "msExchPoliciesIncluded",
        "msExchUserAccountControl",
        "msExchUserCulture"
    };

    private final AtomicInteger modifyRequests = new AtomicInteger();
    private final AtomicBoolean refuseWrites = new AtomicBoolean();
    private TestDirectory directory;
    private InMemoryDirectoryServer server;

    @BeforeEach
    void startDirectory() throws Exception {
        directory = new TestDirectory(new InMemoryOperationInterceptor() {
            @Override
            public void processModifyRequest(InMemoryInterceptedModifyRequest request) throws LDAPException {
                modifyRequests.incrementAndGet();
                if (refuseWrites.get()) { // what AD answers without WriteProperty on the user
                    throw new LDAPException(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, "00002098: SecErr: DSID-03150E8A");
                }
            }
        });
        server = directory.server;
        // an Exchange 2007 mailbox, moved to the cloud and not yet converted
        server.add(
                "dn: " + BOB,
                "objectClass: person",
                "objectClass: inetOrgPerson",
                "uid: bob",
                "cn: Bob",
                "sn: Builder",
                "mail: bob@contoso.com",
                "mailNickname: bob",
                "legacyExchangeDN: " + BOB_LEGACY_DN,
                "proxyAddresses: SMTP:bob@contoso.com",
                "proxyAddresses: smtp:bob@contoso.local",
                "proxyAddresses: X500:/o=Old Org/ou=Site/cn=Recipients/cn=bob",
                "homeMDB: CN=Mailbox Database,CN=First Storage Group,CN=InformationStore," + SERVER,
                "homeMTA: CN=Microsoft MTA," + SERVER,
                "msExchHomeServerName: /o=Contoso/ou=First Administrative Group/cn=Configuration/cn=Servers/cn=EXCH01",
                "msExchMailboxGuid:: " + Base64.getEncoder().encodeToString(BOB_GUID),
                "msExchMailboxSecurityDescriptor:: AQAEgAAAAAAAAAAAAAAAABQAAAACABwAAQAAAAACFAABAAIAAQEAAAAAAAUKAAAA",
                "mDBUseDefaults: FALSE",
                "mDBStorageQuota: 2000000",
                "msExchPoliciesIncluded: {0D2B4C3A-1111-4A4A-8B8B-123456789ABC},{26491CFC-9E50-4857-861B-0CB8DF22B5D7}",
                "msExchRecipientTypeDetails: 1",
                "msExchRecipientDisplayType: 1073741824",
                "msExchUserAccountControl: 0",
                "msExchUserCulture: en-GB");
        // an Exchange 2003 mailbox: fewer attributes, and the migration already pointed targetAddress at the cloud
        server.add(
                "dn: " + CAROL,
                "objectClass: person",
                "objectClass: inetOrgPerson",
                "uid: carol",
                "cn: Carol",
                "sn: Carol",
                "mail: carol@contoso.com",
                "mailNickname: carol",
                "legacyExchangeDN: /o=Contoso/ou=First Administrative Group/cn=Recipients/cn=carol",
                "proxyAddresses: SMTP:carol@contoso.com",
                "proxyAddresses: smtp:carol@contoso.onmicrosoft.com",
                "targetAddress: SMTP:carol@contoso.onmicrosoft.com",
                "homeMDB: CN=Private Information Store,CN=First Storage Group,CN=InformationStore," + SERVER,
                "homeMTA: CN=Microsoft MTA," + SERVER,
                "msExchHomeServerName: /o=Contoso/cn=Servers/cn=EXCH01",
                "msExchMailboxGuid:: " + Base64.getEncoder().encodeToString(BOB_GUID));
        // an outside partner's contact with bob's address is no second user
        server.add(
                "dn: cn=Bob elsewhere," + USERS,
                "objectClass: person",
                "objectClass: contact",
                "cn: Bob elsewhere",
                "sn: Bob",
                "mail: bob@contoso.com");
        server.add(
                "dn: uid=dave," + USERS,
                "objectClass: person",
                "objectClass: inetOrgPerson",
                "uid: dave",
                "cn: Dave",
                "sn: Dave",
                "mail: dave@contoso.com");
        for (String twin : new String[] {"uid=shared1", "uid=shared2"}) {
            server.add(
                    "dn: " + twin + "," + USERS,
                    "objectClass: person",
                    "objectClass: inetOrgPerson",
                    "cn: " + twin.substring(4),
                    "sn: Shared",
                    "mail: shared@contoso.com",
                    "mailNickname: shared");
        }
        directory.start();
    }

    @AfterEach
    void stopDirectory() {
        directory.close();
    }

    @Test
    void mailboxBecomesMailEnabledUserInOneModifyRequest() throws Exception {
        MailEnabledUserConversion result = directory
                .service(PASSWORD)
                .convertToMailEnabledUser("Bob@Contoso.com", "SMTP:bob@contoso.onmicrosoft.com");

        assertThat(result.dn()).isEqualTo(BOB);
        assertThat(result.alreadyConverted()).isFalse();
        assertThat(result.removedAttributes()).containsExactlyInAnyOrder(BOB_MAILBOX_ATTRIBUTES);
        assertThat(result.targetAddress()).isEqualTo("SMTP:bob@contoso.onmicrosoft.com");
        assertThat(result.addedProxyAddresses())
                .containsExactly("smtp:bob@contoso.onmicrosoft.com", "x500:" + BOB_LEGACY_DN);
        assertThat(result.proxyAddresses())
                .containsExactlyInAnyOrder(
                        "SMTP:bob@contoso.com",
                        "smtp:bob@contoso.local",
                        "X500:/o=Old Org/ou=Site/cn=Recipients/cn=bob",
                        "smtp:bob@contoso.onmicrosoft.com",
                        "x500:" + BOB_LEGACY_DN);
        assertThat(modifyRequests).hasValue(1);

        Entry bob = server.getEntry(BOB);
        for (String removed : BOB_MAILBOX_ATTRIBUTES) {
            assertThat(bob.hasAttribute(removed)).as(removed).isFalse();
        }
        assertThat(bob.getAttributeValue("targetAddress")).isEqualTo("SMTP:bob@contoso.onmicrosoft.com");
        assertThat(bob.getAttributeValues("proxyAddresses"))
                .containsExactlyInAnyOrderElementsOf(result.proxyAddresses());
        // what the seed's scripts keep or write back, and its check lists
        assertThat(bob.getAttributeValue("mail")).isEqualTo("bob@contoso.com");
        assertThat(bob.getAttributeValue("mailNickname")).isEqualTo("bob");
        assertThat(bob.getAttributeValue("legacyExchangeDN")).isEqualTo(BOB_LEGACY_DN);
        assertThat(bob.getAttributeValueBytes("msExchMailboxGuid")).isEqualTo(BOB_GUID);
        // a mail user now, with the address policy off so it cannot rewrite the kept proxies
        assertThat(bob.getAttributeValue("msExchRecipientTypeDetails")).isEqualTo("128");
        assertThat(bob.getAttributeValue("msExchRecipientDisplayType")).isEqualTo("6");
        assertThat(bob.getAttributeValues("msExchPoliciesExcluded"))
                .containsExactly("{26491CFC-9E50-4857-861B-0CB8DF22B5D7}");
        // the contact sharing the address is untouched
        assertThat(server.getEntry("cn=Bob elsewhere," + USERS).hasAttribute("targetAddress"))
                .isFalse();
    }

    @Test
    void runningAgainChangesNothingAndSaysAlreadyConverted() throws Exception {
        DirectoryService service = directory.service(PASSWORD);
        MailEnabledUserConversion first =
                service.convertToMailEnabledUser("bob@contoso.com", "bob@contoso.onmicrosoft.com");
        Entry converted = server.getEntry(BOB);

        // the same address given another way is the same address
        MailEnabledUserConversion again =
                service.convertToMailEnabledUser("bob@contoso.com", "smtp:BOB@contoso.onmicrosoft.com");

        assertThat(first.alreadyConverted()).isFalse();
        assertThat(again.alreadyConverted()).isTrue();
        assertThat(again.removedAttributes()).isEmpty();
        assertThat(again.addedProxyAddresses()).isEmpty();
        assertThat(again.targetAddress()).isEqualTo(first.targetAddress());
        assertThat(again.proxyAddresses()).containsExactlyInAnyOrderElementsOf(first.proxyAddresses());
        assertThat(modifyRequests).hasValue(1);
        assertThat(server.getEntry(BOB)).isEqualTo(converted);
    }

    @Test
    void removesOnlyTheMailboxAttributesThatArePresent() throws Exception {
        MailEnabledUserConversion result = directory
                .service(PASSWORD)
                .convertToMailEnabledUser("carol@contoso.com", "carol@contoso.onmicrosoft.com");

        assertThat(result.removedAttributes()).containsExactlyInAnyOrder("homeMDB", "homeMTA", "msExchHomeServerName");
        assertThat(result.addedProxyAddresses())
                .containsExactly("x500:/o=Contoso/ou=First Administrative Group/cn=Recipients/cn=carol");
        Entry carol = server.getEntry(CAROL);
        assertThat(carol.getAttributeValue("targetAddress")).isEqualTo("SMTP:carol@contoso.onmicrosoft.com");
        // Exchange 2003 has no recipient type attributes; none are invented
        assertThat(carol.hasAttribute("msExchRecipientTypeDetails")).isFalse();
        assertThat(carol.hasAttribute("msExchRecipientDisplayType")).isFalse();
        assertThat(carol.hasAttribute("homeMDB")).isFalse();
        assertThat(carol.hasAttribute("msExchMailboxGuid")).isTrue();
    }

    @Test
    void readsTheRecipientBackBeforeAndAfter() {
        DirectoryService service = directory.service(PASSWORD);
        DirectoryRecipient before = service.recipient("bob@contoso.com");
        assertThat(before.mailEnabledUser()).isFalse();
        assertThat(before.mailboxAttributes()).containsExactlyInAnyOrder(BOB_MAILBOX_ATTRIBUTES);
        assertThat(before.targetAddress()).isNull();

        service.convertToMailEnabledUser("bob@contoso.com", "bob@contoso.onmicrosoft.com");

        DirectoryRecipient after = service.recipient("bob@contoso.com");
        assertThat(after.mailEnabledUser()).isTrue();
        assertThat(after.mailboxAttributes()).isEmpty();
        assertThat(after)
                .extracting(
                        DirectoryRecipient::dn,
                        DirectoryRecipient::mail,
                        DirectoryRecipient::mailNickname,
                        DirectoryRecipient::legacyExchangeDn,
                        DirectoryRecipient::targetAddress)
                .containsExactly(BOB, "bob@contoso.com", "bob", BOB_LEGACY_DN, "SMTP:bob@contoso.onmicrosoft.com");
        assertThat(after.proxyAddresses())
                .contains("SMTP:bob@contoso.com", "smtp:bob@contoso.onmicrosoft.com", "x500:" + BOB_LEGACY_DN);
    }

    @Test
    void unknownAddressIsNamed() {
        assertThatThrownBy(() -> directory
                        .service(PASSWORD)
                        .convertToMailEnabledUser("nobody@contoso.com", "nobody@contoso.onmicrosoft.com"))
                .isInstanceOf(DirectoryException.class)
                .hasMessageContaining(directory.url())
                .hasMessageContaining(BASE)
                .hasMessageContaining("no user has mail nobody@contoso.com");
        assertThat(modifyRequests).hasValue(0);
    }

    @Test
    void addressOfTwoUsersIsRefusedNamingBoth() throws Exception {
        assertThatThrownBy(() -> directory
                        .service(PASSWORD)
                        .convertToMailEnabledUser("shared@contoso.com", "shared@contoso.onmicrosoft.com"))
                .isInstanceOf(DirectoryException.class)
                .hasMessageContaining(directory.url())
                .hasMessageContaining("2 users have mail shared@contoso.com")
                .hasMessageContaining("uid=shared1," + USERS)
                .hasMessageContaining("uid=shared2," + USERS);
        assertThat(modifyRequests).hasValue(0);
        assertThat(server.getEntry("uid=shared1," + USERS).hasAttribute("targetAddress"))
                .isFalse();
    }

    @Test
    void userWithoutMailboxIsNotAnExchangeRecipient() {
        assertThatThrownBy(() -> directory
                        .service(PASSWORD)
                        .convertToMailEnabledUser("dave@contoso.com", "dave@contoso.onmicrosoft.com"))
                .isInstanceOf(DirectoryException.class)
                .hasMessageContaining("uid=dave," + USERS)
                .hasMessageContaining("not an Exchange recipient");
        assertThat(modifyRequests).hasValue(0);
    }

    @Test
    void cloudAddressMustBeAnSmtpAddress() {
        for (String bad : new String[] {
            "",
            "SMTP:",
            "bob",
            "bob@",
            "@contoso.onmicrosoft.com",
            "bob@@x.com",
            "bob smith@contoso.onmicrosoft.com",
            "X500:/o=Contoso/cn=bob",
            "bob@localhost"
        }) {
            assertThatThrownBy(() -> directory.service(PASSWORD).convertToMailEnabledUser("bob@contoso.com", bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining("bob@contoso.com");
        }
        assertThat(modifyRequests).hasValue(0);
    }

    @Test
    void refusedWriteLeavesTheEntryAsItWasAndSaysWhere() throws Exception {
        Entry before = server.getEntry(BOB);
        refuseWrites.set(true);

        assertThatThrownBy(() -> directory
                        .service(PASSWORD)
                        .convertToMailEnabledUser("bob@contoso.com", "bob@contoso.onmicrosoft.com"))
                .isInstanceOf(DirectoryException.class)
                .hasMessageContaining(directory.url())
                .hasMessageContaining("convert " + BOB + " to a mail-enabled user")
                .hasMessageContaining("insufficient access rights");

        assertThat(server.getEntry(BOB)).isEqualTo(before);
        refuseWrites.set(false);
        assertThat(directory
                        .service(PASSWORD)
                        .convertToMailEnabledUser("bob@contoso.com", "bob@contoso.onmicrosoft.com")
                        .alreadyConverted())
                .isFalse();
    }

    @Test
    void wrongBindPasswordIsReportedWithoutThePassword() {
        String wrong = "Wr0ng-Passw0rd";
        assertThatThrownBy(() -> directory
                        .service(wrong)
                        .convertToMailEnabledUser("bob@contoso.com", "bob@contoso.onmicrosoft.com"))
                .isInstanceOf(DirectoryException.class)
                .hasMessageContaining("bind as " + ADMIN)
                .hasMessageContaining("invalid credentials")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(PASSWORD));
        assertThat(modifyRequests).hasValue(0);
    }
}
