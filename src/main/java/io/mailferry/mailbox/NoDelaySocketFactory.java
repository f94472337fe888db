package io.mailferry.mailbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Sockets with Nagle's algorithm off. An IMAP APPEND is a small command, a wait for "+" and a literal; with Nagle
 * on, each one waits for the peer's delayed ACK (~40 ms), which made seeding the demo take seconds instead of
 * milliseconds, and slows every sync of small messages the same way.
 */
public final class NoDelaySocketFactory extends SocketFactory {

    @Override
    public Socket createSocket() throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new Socket(address, port, localAddress, localPort));
    }

    private static Socket connected(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }
}
