package io.mailferry.mailbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for IMAP. By default the JVM's trust store decides and the host name must match the certificate, so a
 * self-signed certificate is refused. An operator who has checked a server's certificate can trust exactly that
 * one certificate (not its issuer, not any other self-signed one); the pin then stands in for the name check.
 */
public final class ImapTls {
    private ImapTls() {}

    /** Reads one PEM or DER X.509 certificate, naming the file in any error. */
    public static X509Certificate readCertificate(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("Cannot read a certificate from " + file + ": " + e.getMessage(), e);
        }
    }

    /** Sockets with Nagle's algorithm off; trusting only {@code pinned} when given, else the JVM's trust store. */
    static SSLSocketFactory socketFactory(X509Certificate pinned) {
        try {
            SSLContext context;
            if (pinned == null) {
                context = SSLContext.getDefault();
            } else {
                KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
                trust.load(null, null);
                trust.setCertificateEntry("pinned", pinned);
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
                context = SSLContext.getInstance("TLS");
                context.init(null, tmf.getTrustManagers(), null);
            }
            return socketFactory(context);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Sockets with Nagle's algorithm off, trusting what {@code context} trusts. */
    static SSLSocketFactory socketFactory(SSLContext context) {
        return new NoDelay(context.getSocketFactory());
    }

    /** See {@link NoDelaySocketFactory}: the same delayed-ACK stall happens inside TLS. */
    private static final class NoDelay extends SSLSocketFactory {
        private final SSLSocketFactory delegate;

        NoDelay(SSLSocketFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            s.setTcpNoDelay(true);
            return delegate.createSocket(s, host, port, autoClose);
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return noDelay(delegate.createSocket(address, port, localAddress, localPort));
        }

        private static Socket noDelay(Socket socket) throws IOException {
            socket.setTcpNoDelay(true);
            return socket;
        }
    }
}
