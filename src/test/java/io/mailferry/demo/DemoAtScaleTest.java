package io.mailferry.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailferry.directory.DirectoryMailbox;
import io.mailferry.directory.DirectoryProperties;
import io.mailferry.directory.DirectoryService;
import io.mailferry.mailbox.NoDelaySocketFactory;
import io.mailferry.tenant.InMemoryTenant;
import io.mailferry.tenant.TenantProperties;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo organisation at its largest, a 2,000-mailbox cutover batch: every stand-in knows every user. */
class DemoAtScaleTest {
    private static final DemoProperties PROPERTIES = DemoProperties.onFreePorts(DemoProperties.MAX_MAILBOXES);
    private static DemoMailServers servers;
    private static DemoDirectory directory;
    private static DemoMailboxSeeder seeder;
    private static long seedMillis;

    @BeforeAll
    static void start() throws Exception {
        servers = new DemoMailServers(PROPERTIES);
        directory = new DemoDirectory(PROPERTIES);
        seeder = new DemoMailboxSeeder(servers, PROPERTIES);
        long started = System.nanoTime();
        seeder.afterPropertiesSet();
        seedMillis = (System.nanoTime() - started) / 1_000_000;
    }

    @AfterAll
    static void stop() {
        if (directory != null) {
            directory.destroy();
        }
        if (servers != null) {
            servers.destroy();
        }
    }

    @Test
    void twoThousandMailboxesAreSeededQuicklyWithALightMixAfterTheHundredth() throws Exception {
        assertThat(seedMillis).as("seeding 2,000 mailboxes (ms)").isLessThan(120_000);
        assertThat(seeder.seededMessageCount("user100@contoso.com"))
                .as("the full mix up to the 100th")
                .isBetween(15, 30);
        assertThat(seeder.seededMessageCount("user101@contoso.com")).isEqualTo(4);
        assertThat(seeder.seededMessageCount("user2000@contoso.com")).isEqualTo(4);
        assertThat(messagesByFolder("user2000@contoso.com")).isEqualTo(Map.of("INBOX", 3, "Sent Items", 1));
    }

    @Test
    void theDirectoryListsEveryMailboxBeyondOnePageOfResults() {
        List<DirectoryMailbox> mailboxes = new DirectoryService(
                        new DirectoryProperties(directory.url(), directory.bindDn(), "demo", directory.baseDn()))
                .listMailboxes("contoso.com");

        assertThat(mailboxes).hasSize(2_000);
        assertThat(mailboxes.stream().map(DirectoryMailbox::address).distinct())
                .hasSize(2_000)
                .contains("user01@contoso.com", "user999@contoso.com", "user2000@contoso.com");
    }

    @Test
    void theTenantKnowsEveryUser() {
        InMemoryTenant tenant = new InMemoryTenant(new TenantProperties("demo", 10_000), name -> List.of());
        new DemoTenantUsers(tenant, PROPERTIES).afterPropertiesSet();
        assertThat(tenant.missingUsers(PROPERTIES.addresses())).isEmpty();
    }

    @Test
    void moreThanTheLargestBatchIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> DemoProperties.onFreePorts(DemoProperties.MAX_MAILBOXES + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mailferry.demo.mailboxes must be between 1 and 2000, was 2001");
    }

    private static Map<String, Integer> messagesByFolder(String address) throws Exception {
        Properties imap = new Properties();
        imap.put("mail.imap.socketFactory", new NoDelaySocketFactory());
        try (Store store = Session.getInstance(imap).getStore("imap")) {
            store.connect("127.0.0.1", servers.onPremisesImapPort(), address, "demo");
            List<Map.Entry<String, Integer>> counts = new ArrayList<>();
            for (Folder folder : store.getDefaultFolder().list("*")) {
                counts.add(Map.entry(folder.getFullName(), folder.getMessageCount()));
            }
            return Map.ofEntries(counts.toArray(Map.Entry[]::new));
        }
    }
}
