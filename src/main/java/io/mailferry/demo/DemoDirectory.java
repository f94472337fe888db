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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The on-premises directory stand-in: an in-memory LDAP server holding one user per demo mailbox (with the
 * Exchange attributes a real forest carries) and a service account without mail, so the mailbox filter matters.
 * Bind as {@code cn=admin,<base DN>} with the demo password. Started when the bean is created.
 */
@Component
@Profile("demo")
public class DemoDirectory implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(DemoDirectory.class);
    /** UUID-derived OIDs (arc 2.25) need no registration and clash with nothing. */
    private static final String OID = "2.25.207461563405917386133519640129330587713.";
    private static final String EXCHANGE_SCHEMA = "( " + OID + "1 NAME 'proxyAddresses' EQUALITY caseIgnoreMatch "
            + "SUBSTR caseIgnoreSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 )";
    private static final String TARGET_ADDRESS = "( " + OID + "2 NAME 'targetAddress' EQUALITY caseIgnoreMatch "
            + "SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )";
    private static final String HOME_SERVER = "( " + OID + "3 NAME 'msExchHomeServerName' EQUALITY caseIgnoreMatch "
            + "SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )";
    private static final String MAILBOX_CLASS = "( " + OID + "4 NAME 'mailferryExchangeMailbox' SUP top AUXILIARY "
            + "MAY ( proxyAddresses $ targetAddress $ msExchHomeServerName ) )";

    private final InMemoryDirectoryServer server;
    private final String baseDn;
    private final String bindDn;

    public DemoDirectory(DemoProperties properties) throws LDAPException, LDIFException {
        this.baseDn = properties.baseDn();
        this.bindDn = "cn=admin," + baseDn;
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(baseDn);
        config.addAdditionalBindCredentials(bindDn, properties.password());
        config.setSchema(schema());
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("demo", loopback(),
                properties.directory().port(), null));
        server = new InMemoryDirectoryServer(config);
        populate(properties);
        try {
            server.startListening();
        } catch (LDAPException e) {
            server.shutDown(true);
            throw new IllegalStateException("Cannot start the demo directory on " + DemoProperties.BIND_ADDRESS + ":"
                    + properties.directory().port() + " (port in use? set mailferry.demo.directory.port): "
                    + e.getMessage(), e);
        }
        log.info("Demo directory: ldap://{}:{} base {} bind {}", DemoProperties.BIND_ADDRESS, port(), baseDn, bindDn);
    }

    private void populate(DemoProperties properties) throws LDAPException, LDIFException {
        String domainComponent = properties.domain().substring(0, properties.domain().indexOf('.'));
        server.add("dn: " + baseDn, "objectClass: top", "objectClass: domain", "dc: " + domainComponent);
        server.add("dn: ou=Users," + baseDn, "objectClass: top", "objectClass: organizationalUnit", "ou: Users");
        for (String address : properties.addresses()) {
            String uid = DemoProperties.localPart(address);
            String name = DemoProperties.displayName(address);
            server.add("dn: uid=" + uid + ",ou=Users," + baseDn,
                    "objectClass: top", "objectClass: person", "objectClass: organizationalPerson",
                    "objectClass: inetOrgPerson", "objectClass: mailferryExchangeMailbox",
                    "uid: " + uid, "cn: " + name, "sn: " + name.substring(name.indexOf(' ') + 1), "givenName: User",
                    "displayName: " + name, "mail: " + address,
                    "proxyAddresses: SMTP:" + address, "proxyAddresses: smtp:" + uid + "@" + domainComponent + ".local",
                    "msExchHomeServerName: /o=" + domainComponent + "/ou=Exchange Administrative Group "
                            + "(FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn=EXCH01");
        }
        server.add("dn: uid=svc-backup,ou=Users," + baseDn, "objectClass: top", "objectClass: person",
                "objectClass: organizationalPerson", "objectClass: inetOrgPerson", "uid: svc-backup",
                "cn: Backup Service", "sn: Service", "description: service account, no mailbox");
    }

    private static Schema schema() throws LDAPException {
        Schema exchange = new Schema(new Entry("cn=schema",
                new Attribute("objectClass", "top", "subschema"),
                new Attribute("attributeTypes", EXCHANGE_SCHEMA, TARGET_ADDRESS, HOME_SERVER),
                new Attribute("objectClasses", MAILBOX_CLASS)));
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
}
