package io.mailferry.directory;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code mailferry.directory.*}: where the on-premises directory is ({@code ldap://host:389} or
 * {@code ldaps://host:636}), whom to bind as, and where the users are. An {@code ldap://} URL sends the bind password
 * in clear, so production refuses it at start unless {@code mailferry.directory.allow-plaintext} is true (the demo's
 * directory on 127.0.0.1); see {@code DeploymentProfileCheck}.
 */
@ConfigurationProperties("mailferry.directory")
public record DirectoryProperties(String url, String bindDn, String bindPassword, String baseDn) {

    /** Spring logs bound properties on failures; the record's generated toString would print the password. */
    @Override
    public String toString() {
        return "DirectoryProperties[url=" + url + ", bindDn=" + bindDn + ", bindPassword=***, baseDn=" + baseDn + "]";
    }
}
