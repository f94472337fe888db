package io.mailferry.directory;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import java.net.InetAddress;

/**
 * A real LDAP server for the directory tests: in memory on a free loopback port, base {@code dc=contoso,dc=com} with
 * {@code ou=Users}, an admin to bind as. Tests add their entries, then {@link #start()}.
 */
final class TestDirectory implements AutoCloseable {
    static final String BASE = "dc=contoso,dc=com";
    static final String USERS = "ou=Users," + BASE;
    static final String ADMIN = "cn=admin," + BASE;
    static final String PASSWORD = "s3cret-Bind!";

    final InMemoryDirectoryServer server;

    TestDirectory(InMemoryOperationInterceptor... interceptors) throws LDAPException, LDIFException {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.addAdditionalBindCredentials(ADMIN, PASSWORD);
        config.setListenerConfigs(
                InMemoryListenerConfig.createLDAPConfig("test", InetAddress.getLoopbackAddress(), 0, null));
        // AD's contact and computer classes and Exchange's attributes are not in the standard schema
        config.setSchema(null);
        for (InMemoryOperationInterceptor interceptor : interceptors) {
            config.addInMemoryOperationInterceptor(interceptor);
        }
        server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: domain", "dc: contoso");
        server.add("dn: " + USERS, "objectClass: organizationalUnit", "ou: Users");
    }

    void start() throws LDAPException {
        server.startListening();
    }

    String url() {
        return "ldap://127.0.0.1:" + server.getListenPort();
    }

    DirectoryService service(String password) {
        return new DirectoryService(new DirectoryProperties(url(), ADMIN, password, BASE));
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
