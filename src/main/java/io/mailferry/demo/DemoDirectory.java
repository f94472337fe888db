package io.mailferry.demo;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.ldif.LDIFException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The on-premises directory stand-in: an in-memory LDAP server holding one user per demo mailbox (with the
 * Exchange 2007 mailbox attributes a real forest carries, so converting a migrated mailbox to a mail-enabled user
 * has something real to remove) and a service account without mail, so the mailbox filter matters.
 * Bind as {@code cn=admin,<base DN>} with the demo password. Started when the bean is created.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "mailferry.demo.join", havingValue = "false", matchIfMissing = true)
public class DemoDirectory implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(DemoDirectory.class);
    /** UUID-derived OIDs (arc 2.25) need no registration and clash with nothing. */
    private static final String OID = "2.25.207461563405917386133519640129330587713.";

    private static final String TEXT = "EQUALITY caseIgnoreMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15";
    private static final String DN = "EQUALITY distinguishedNameMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.12";
    private static final String BINARY = "EQUALITY octetStringMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.40";
    private static final String INTEGER = "EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27";
    private static final String BOOLEAN = "EQUALITY booleanMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.7";
    /** The Exchange attributes of a mailbox user and of a mail-enabled user, as Active Directory has them. */
    private static final List<ExchangeAttribute> EXCHANGE_ATTRIBUTES = List.of(
            new ExchangeAttribute(
                    "proxyAddresses",
                    "EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch "
                            + "SYNTAX 1.3.6.1.4.1.1466.115.121.1.15",
                    true),
            new ExchangeAttribute("targetAddress", TEXT, false),
            new ExchangeAttribute("mailNickname", TEXT, false),
            new ExchangeAttribute("legacyExchangeDN", TEXT, false),
            new ExchangeAttribute("homeMDB", DN, false),
            new ExchangeAttribute("homeMTA", DN, false),
            new ExchangeAttribute("msExchHomeServerName", TEXT, false),
            new ExchangeAttribute("msExchMailboxGuid", BINARY, false),
            new ExchangeAttribute("msExchMailboxSecurityDescriptor", BINARY, false),
            new ExchangeAttribute("mDBUseDefaults", BOOLEAN, false),
            new ExchangeAttribute("msExchPoliciesIncluded", TEXT, true),
            new ExchangeAttribute("msExchPoliciesExcluded", TEXT, true),
            new ExchangeAttribute("msExchRecipientTypeDetails", INTEGER, false),
            new ExchangeAttribute("msExchRecipientDisplayType", INTEGER, false),
            new ExchangeAttribute("msExchUserAccountControl", INTEGER, false));

    private static final String ADMIN_GROUP = "Exchange Administrative Group (FYDIBOHF23SPDLT)";
    /**
     * A self-relative security descriptor whose DACL lets SELF (S-1-5-10) open the mailbox (FullAccess and
     * ReadPermission): the entry Exchange writes for every new mailbox.
     */
    private static final String SELF_FULL_ACCESS = "AQAEgAAAAAAAAAAAAAAAABQAAAACABwAAQAAAAACFAABAAIAAQEAAAAAAAUKAAAA";
    /** An email address policy's GUID, then the recipient update service's, the way Exchange 2003/2007 store it. */
    private static final String DEFAULT_POLICY =
            "{1A4B3D5E-6F70-4A8B-9C0D-1E2F3A4B5C6D}," + "{26491CFC-9E50-4857-861B-0CB8DF22B5D7}";

    private final InMemoryDirectoryServer server;
    private final String baseDn;
    private final String bindDn;

    public DemoDirectory(DemoProperties properties) throws LDAPException, LDIFException {
        this.baseDn = properties.baseDn();
        this.bindDn = "cn=admin," + baseDn;
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(baseDn);
        config.addAdditionalBindCredentials(bindDn, properties.password());
        config.setSchema(schema());
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig(
                "demo", loopback(), properties.directory().port(), null));
        server = new InMemoryDirectoryServer(config);
        populate(properties);
        try {
            server.startListening();
        } catch (LDAPException e) {
            server.shutDown(true);
            throw new IllegalStateException(
                    "Cannot start the demo directory on " + DemoProperties.BIND_ADDRESS + ":"
                            + properties.directory().port() + " (port in use? set mailferry.demo.directory.port): "
                            + e.getMessage(),
                    e);
        }
        log.info("Demo directory: ldap://{}:{} base {} bind {}", DemoProperties.BIND_ADDRESS, port(), baseDn, bindDn);
    }

    private void populate(DemoProperties properties) throws LDAPException, LDIFException {
        String domainComponent =
                properties.domain().substring(0, properties.domain().indexOf('.'));
        server.add("dn: " + baseDn, "objectClass: top", "objectClass: domain", "dc: " + domainComponent);
        server.add("dn: ou=Users," + baseDn, "objectClass: top", "objectClass: organizationalUnit", "ou: Users");
        String organisation = Character.toUpperCase(domainComponent.charAt(0)) + domainComponent.substring(1);
        String exchangeServer = "CN=EXCH01,CN=Servers,CN=" + ADMIN_GROUP + ",CN=Administrative Groups,CN="
                + organisation + ",CN=Microsoft Exchange,CN=Services,CN=Configuration," + baseDn;
        for (String address : properties.addresses()) {
            String uid = DemoProperties.localPart(address);
            String name = DemoProperties.displayName(address);
            server.add(
                    "dn: uid=" + uid + ",ou=Users," + baseDn,
                    "objectClass: top",
                    "objectClass: person",
                    "objectClass: organizationalPerson",
                    "objectClass: inetOrgPerson",
                    "objectClass: mailferryExchangeMailbox",
                    "uid: " + uid,
                    "cn: " + name,
                    "sn: " + name.substring(name.indexOf(' ') + 1),
                    "givenName: User",
                    "displayName: " + name,
                    "mail: " + address,
                    "mailNickname: " + uid,
                    "legacyExchangeDN: /o=" + organisation + "/ou=" + ADMIN_GROUP + "/cn=Recipients/cn=" + uid,
                    "proxyAddresses: SMTP:" + address,
                    "proxyAddresses: smtp:" + uid + "@" + domainComponent + ".local",
                    "homeMDB: CN=Mailbox Database,CN=First Storage Group,CN=InformationStore," + exchangeServer,
                    "homeMTA: CN=Microsoft MTA," + exchangeServer,
                    "msExchHomeServerName: /o=" + organisation + "/ou=" + ADMIN_GROUP + "/cn=Configuration/cn=Servers"
                            + "/cn=EXCH01",
                    "msExchMailboxGuid:: " + mailboxGuid(address),
                    "msExchMailboxSecurityDescriptor:: " + SELF_FULL_ACCESS,
                    "mDBUseDefaults: TRUE",
                    "msExchPoliciesIncluded: " + DEFAULT_POLICY,
                    "msExchRecipientTypeDetails: 1",
                    "msExchRecipientDisplayType: 1073741824",
                    "msExchUserAccountControl: 0");
        }
        server.add(
                "dn: uid=svc-backup,ou=Users," + baseDn,
                "objectClass: top",
                "objectClass: person",
                "objectClass: organizationalPerson",
                "objectClass: inetOrgPerson",
                "uid: svc-backup",
                "cn: Backup Service",
                "sn: Service",
                "description: service account, no mailbox");
    }

    /** The same on every start, as a real mailbox's GUID is: the conversion keeps it and a check can compare it. */
    private static String mailboxGuid(String address) {
        UUID guid = UUID.nameUUIDFromBytes(("mailbox:" + address).getBytes(StandardCharsets.UTF_8));
        ByteBuffer bytes =
                ByteBuffer.allocate(16).putLong(guid.getMostSignificantBits()).putLong(guid.getLeastSignificantBits());
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private static Schema schema() throws LDAPException {
        List<String> types = new ArrayList<>();
        for (int i = 0; i < EXCHANGE_ATTRIBUTES.size(); i++) {
            types.add(EXCHANGE_ATTRIBUTES.get(i).definition(i + 1));
        }
        String mailbox = "( " + OID + "0 NAME 'mailferryExchangeMailbox' SUP top AUXILIARY MAY ( "
                + EXCHANGE_ATTRIBUTES.stream().map(ExchangeAttribute::name).collect(Collectors.joining(" $ ")) + " ) )";
        Schema exchange = new Schema(new Entry(
                "cn=schema",
                new Attribute("objectClass", "top", "subschema"),
                new Attribute("attributeTypes", types),
                new Attribute("objectClasses", mailbox)));
        return Schema.mergeSchemas(Schema.getDefaultStandardSchema(), exchange);
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByName(DemoProperties.BIND_ADDRESS);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.getListenPort();
    }

    public String url() {
        return "ldap://" + DemoProperties.BIND_ADDRESS + ":" + port();
    }

    public String baseDn() {
        return baseDn;
    }

    public String bindDn() {
        return bindDn;
    }

    @Override
    public void destroy() {
        server.shutDown(true);
    }

    /** One attribute type of the demo's Exchange schema extension. */
    private record ExchangeAttribute(String name, String matching, boolean multiValued) {
        String definition(int number) {
            return "( " + OID + number + " NAME '" + name + "' " + matching + (multiValued ? "" : " SINGLE-VALUE")
                    + " )";
        }
    }
}
