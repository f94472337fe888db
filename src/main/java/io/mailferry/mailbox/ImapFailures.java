package io.mailferry.mailbox;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/** Turns network and TLS exceptions into sentences an operator can act on without reading a stack trace. */
final class ImapFailures {
    private ImapFailures() {}

    static String describe(ImapServer server, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String detail = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (t instanceof UnknownHostException) {
                return "Host name " + server.host() + " cannot be resolved (DNS)";
            }
            if (t instanceof ConnectException) {
                return "Nothing accepts connections on " + server + " (" + detail + "); check host, port and firewall";
            }
            if (t instanceof NoRouteToHostException) {
                return "No network route to " + server + " (" + detail + ")";
            }
            if (t instanceof SocketTimeoutException) {
                return "No answer from " + server + " in time (" + detail + "); a firewall may drop the traffic, "
                        + "or the port expects " + (server.security() == ImapSecurity.TLS ? "plain IMAP" : "TLS");
            }
            if (t instanceof CertPathBuilderException || detail.contains("PKIX path building failed")) {
                return "TLS certificate of " + server + " is not trusted (self-signed?): PKIX path building failed";
            }
            if (t instanceof CertificateException && detail.toLowerCase().contains("match")) {
                return "TLS certificate of " + server + " is not issued for " + server.host() + ": " + detail;
            }
            if (t instanceof SSLException && detail.contains("nrecognized SSL message")) {
                return server + " does not speak TLS on this port (plain IMAP? choose STARTTLS or NONE)";
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return "TLS handshake with " + server + " failed: " + t.getMessage();
            }
            if (t instanceof EOFException) {
                return server + " closed the connection unexpectedly";
            }
        }
        return "Talking to " + server + " failed: "
                + (failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
    }

    /** Defence in depth: servers sometimes echo what they were sent, so remove the password should one do so. */
    static String redact(String message, char[] password) {
        if (message == null || password == null || password.length < 3) {
            return message;
        }
        return message.replace(new String(password), "******");
    }
}
