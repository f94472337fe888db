package io.mailferry.demo;

import com.icegreen.greenmail.imap.AuthorizationException;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.mailferry.tenant.MicrosoftTenantCondition;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Two embedded mail servers: the on-premises Exchange stand-in the mail is copied from, and the Microsoft 365
 * stand-in it is copied to. Both know every demo user (password from {@code mailferry.demo.password}), the cloud
 * side because directory synchronisation would have created them there. Started when the bean is created. With
 * {@code mailferry.m365.tenant-id} set, Microsoft 365 is the offline rig (docs/microsoft365.md), so only the
 * on-premises one starts.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "mailferry.demo.join", havingValue = "false", matchIfMissing = true)
public class DemoMailServers implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(DemoMailServers.class);

    private final GreenMail onPremises;
    private final GreenMail cloud;

    /** Both stand-ins. */
    public DemoMailServers(DemoProperties properties) {
        this(properties, "");
    }

    /** The cloud stand-in only while {@code m365TenantId} is blank: else the rig is Microsoft 365. */
    @Autowired
    public DemoMailServers(
            DemoProperties properties,
            @Value("${" + MicrosoftTenantCondition.TENANT_ID_PROPERTY + ":}") String m365TenantId) {
        this.onPremises = start("on-premises Exchange stand-in", "onprem", properties.onprem(), properties);
        if (StringUtils.hasText(m365TenantId)) {
            log.info("Demo: no Microsoft 365 stand-in, {} names a tenant", MicrosoftTenantCondition.TENANT_ID_PROPERTY);
            this.cloud = null;
            return;
        }
        try {
            this.cloud = start("Microsoft 365 stand-in", "cloud", properties.cloud(), properties);
        } catch (RuntimeException e) {
            onPremises.stop();
            throw e;
        }
    }

    private static GreenMail start(
            String role, String key, DemoProperties.MailServer ports, DemoProperties properties) {
        GreenMail server = new GreenMail(new ServerSetup[] {
            new ServerSetup(ports.imapPort(), DemoProperties.BIND_ADDRESS, ServerSetup.PROTOCOL_IMAP),
            new ServerSetup(ports.smtpPort(), DemoProperties.BIND_ADDRESS, ServerSetup.PROTOCOL_SMTP)
        });
        for (String address : properties.addresses()) {
            server.setUser(address, address, properties.password());
        }
        try {
            server.start();
        } catch (RuntimeException e) {
            server.stop();
            throw new IllegalStateException(
                    "Cannot start the " + role + " on " + DemoProperties.BIND_ADDRESS
                            + " IMAP " + ports.imapPort() + " / SMTP " + ports.smtpPort()
                            + " (port in use? set mailferry.demo."
                            + key + ".imap-port / .smtp-port): " + e.getMessage(),
                    e);
        }
        log.info(
                "Demo {}: IMAP {}:{}, SMTP {}:{}, users {} … {} ({})",
                role,
                DemoProperties.BIND_ADDRESS,
                server.getImap().getPort(),
                DemoProperties.BIND_ADDRESS,
                server.getSmtp().getPort(),
                properties.addresses().get(0),
                properties.addresses().get(properties.addresses().size() - 1),
                properties.mailboxes());
        return server;
    }

    /**
     * Puts {@code message} into {@code folder} (top level; INBOX when empty) of {@code address}'s on-premises mailbox
     * directly, without IMAP: what APPEND would store, with the message's date as its internal date, in a fraction
     * of the round trips' time. For the light mailboxes of a large demo.
     */
    void storeOnPremises(String address, String folder, MimeMessage message, Flags flags) throws MessagingException {
        ImapHostManager mailboxes = onPremises.getManagers().getImapHostManager();
        try {
            GreenMailUser user = onPremises.getUserManager().getUser(address);
            MailFolder target = folder.isEmpty() ? mailboxes.getInbox(user) : mailboxes.getFolder(user, folder);
            if (target == null) {
                target = mailboxes.createMailbox(user, folder);
            }
            target.appendMessage(message, flags, message.getSentDate());
        } catch (FolderException | AuthorizationException e) {
            throw new MessagingException("Cannot store a demo message in " + address + "'s " + folder, e);
        }
    }

    public String host() {
        return DemoProperties.BIND_ADDRESS;
    }

    public int onPremisesImapPort() {
        return onPremises.getImap().getPort();
    }

    public int onPremisesSmtpPort() {
        return onPremises.getSmtp().getPort();
    }

    public int cloudImapPort() {
        return cloud().getImap().getPort();
    }

    public int cloudSmtpPort() {
        return cloud().getSmtp().getPort();
    }

    /** Whether the Microsoft 365 stand-in runs (not when the rig is Microsoft 365). */
    public boolean hasCloud() {
        return cloud != null;
    }

    private GreenMail cloud() {
        if (cloud == null) {
            throw new IllegalStateException("No Microsoft 365 stand-in: " + MicrosoftTenantCondition.TENANT_ID_PROPERTY
                    + " is set, Microsoft 365 is the rig");
        }
        return cloud;
    }

    @Override
    public void destroy() {
        if (cloud != null) {
            cloud.stop();
        }
        onPremises.stop();
    }
}
