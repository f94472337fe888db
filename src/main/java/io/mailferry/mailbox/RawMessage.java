package io.mailferry.mailbox;

import jakarta.mail.MessagingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.eclipse.angus.mail.iap.Literal;
import org.eclipse.angus.mail.imap.IMAPMessage;

/**
 * A source message's exact bytes, ready to APPEND as an IMAP literal. Small messages stay in memory; large ones
 * spill to a temporary file so a 30 MB attachment never sits on the heap. The SHA-256 comes for free on the way.
 */
final class RawMessage implements Literal, AutoCloseable {
    private static final int IN_MEMORY_LIMIT = 1024 * 1024;

    private final byte[] memory;
    private final int offset;
    private final Path file;
    private final long size;
    private byte[] sha256;

    private RawMessage(byte[] memory, Path file, long size, byte[] sha256) {
        this(memory, 0, file, size, sha256);
    }

    private RawMessage(byte[] memory, int offset, Path file, long size, byte[] sha256) {
        this.memory = memory;
        this.offset = offset;
        this.file = file;
        this.size = size;
        this.sha256 = sha256;
    }

    /** Bytes that arrived in a multi-message FETCH; hashed only if a re-match ever asks. */
    static RawMessage inMemory(byte[] bytes) {
        return inMemory(bytes, 0, bytes.length);
    }

    /** A slice of a FETCH response's own buffer, used in place: copying it cost as much as parsing the response. */
    static RawMessage inMemory(byte[] buffer, int offset, int length) {
        return new RawMessage(buffer, offset, null, length, null);
    }

    /** Downloads with BODY.PEEK[] in blocks; IMAPMessage.writeTo passes the server's bytes through unchanged. */
    static RawMessage download(IMAPMessage message) throws MessagingException, IOException {
        return download(message, () -> false);
    }

    /** As {@link #download(IMAPMessage)}; stops between blocks with an IOException once {@code cancelled} says so. */
    static RawMessage download(IMAPMessage message, java.util.function.BooleanSupplier cancelled)
            throws MessagingException, IOException {
        MessageDigest digest = sha256();
        Spill spill = new Spill(cancelled);
        try (DigestOutputStream out = new DigestOutputStream(spill, digest)) {
            message.writeTo(out);
        } catch (IOException | MessagingException | RuntimeException e) {
            spill.discard();
            throw e;
        }
        return new RawMessage(
                spill.file == null ? spill.buffer.toByteArray() : null, spill.file, spill.count, digest.digest());
    }

    /** Hash of a stored message without keeping its bytes, to compare candidates that lack a Message-ID. */
    static byte[] hashOf(IMAPMessage message) throws MessagingException, IOException {
        MessageDigest digest = sha256();
        try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            message.writeTo(out);
        }
        return digest.digest();
    }

    byte[] sha256Digest() {
        if (sha256 == null) {
            MessageDigest digest = sha256();
            digest.update(memory, offset, (int) size);
            sha256 = digest.digest();
        }
        return sha256.clone();
    }

    boolean inMemory() {
        return memory != null;
    }

    long length() {
        return size;
    }

    @Override
    public int size() {
        return Math.toIntExact(size);
    }

    @Override
    public void writeTo(OutputStream os) throws IOException {
        if (memory != null) {
            os.write(memory, offset, (int) size);
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(os);
        }
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete temporary message file " + file, e);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static final class Spill extends OutputStream {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final java.util.function.BooleanSupplier cancelled;
        private Path file;
        private OutputStream fileOut;
        private long count;

        Spill(java.util.function.BooleanSupplier cancelled) {
            this.cancelled = cancelled;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (cancelled.getAsBoolean()) {
                throw new IOException("download cancelled");
            }
            if (fileOut == null && buffer.size() + len > IN_MEMORY_LIMIT) {
                file = Files.createTempFile("mailferry-msg-", ".eml");
                fileOut = Files.newOutputStream(file);
                buffer.writeTo(fileOut);
                buffer.reset();
            }
            (fileOut != null ? fileOut : buffer).write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            if (fileOut != null) {
                fileOut.close();
            }
        }

        void discard() throws IOException {
            close();
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}
