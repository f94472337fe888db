package io.mailferry.secrets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master key file: exactly {@value MasterKey#BYTES} raw bytes, readable and writable by its owner only. A key
 * file that anyone else may read or replace, or that holds anything else, is refused rather than used.
 */
public final class MasterKeyFile {
    private static final Logger log = LoggerFactory.getLogger(MasterKeyFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private MasterKeyFile() {}

    /** The key in an existing {@code file}, after checking its permissions and length. */
    public static MasterKey read(Path file) {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, PosixFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new MasterKeyException("Master key file " + file + " does not exist");
        } catch (UnsupportedOperationException e) {
            throw new MasterKeyException("Cannot check who may read master key file " + file
                    + ": its file system has no POSIX permissions. Keep the key on a POSIX file system.");
        } catch (IOException e) {
            throw new MasterKeyException("Cannot read master key file " + file + ": " + e, e);
        }
        if (!attributes.isRegularFile()) {
            throw new MasterKeyException("Master key file " + file + " is not a regular file");
        }
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new MasterKeyException("Master key file " + file + " has permissions "
                    + PosixFilePermissions.toString(permissions)
                    + ": it decrypts every stored secret, so only its owner may read or write it. Fix: chmod 600 "
                    + file);
        }
        if (attributes.size() != MasterKey.BYTES) {
            throw wrongLength(file, attributes.size());
        }
        byte[] bytes = null;
        try {
            bytes = Files.readAllBytes(file);
            if (bytes.length != MasterKey.BYTES) {
                throw wrongLength(file, bytes.length);
            }
            if (allZero(bytes)) {
                throw new MasterKeyException("Master key file " + file + " holds only zero bytes, which is not a key "
                        + "(a file preallocated or cut short by a crash?)");
            }
            return MasterKey.of(bytes);
        } catch (IOException e) {
            throw new MasterKeyException("Cannot read master key file " + file + ": " + e, e);
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }

    /**
     * The key in {@code file}, created with a new random key when the file does not exist. Creation is atomic and
     * never replaces a file: when another node creates the file at the same time, both use the one that got there
     * first. Callers decide whether a new key is acceptable (it is not when secrets are already stored).
     */
    public static MasterKey readOrCreate(Path file, SecureRandom random) {
        return absent(file) ? create(file, random) : read(file);
    }

    /**
     * True only when {@code file} certainly does not exist: a dangling link (an unmounted secret volume) or a file
     * whose existence cannot be checked is not absent, and reading it says what is wrong.
     */
    public static boolean absent(Path file) {
        return Files.notExists(file, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Writes a new key to a temporary file in the same directory (owner-only from its creation), forces it to disk
     * and links it under {@code file}. {@code link(2)} fails when the name exists, where a rename would silently
     * replace another node's key; so a key file is never seen half-written and never overwritten.
     */
    static MasterKey create(Path file, SecureRandom random) {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        Path temp = null;
        byte[] key = MasterKey.randomBytes(random);
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            }
            temp = Files.createTempFile(
                    directory,
                    "." + target.getFileName() + ".",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(key);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            boolean ours = publish(temp, target);
            forceDirectory(directory);
            MasterKey created = read(target);
            if (ours) {
                log.info("Created a new master key in {} (key id {})", target, created.id());
            } else {
                log.info(
                        "Master key file {} was created by another node meanwhile; using it (key id {})",
                        target,
                        created.id());
            }
            return created;
        } catch (UnsupportedOperationException e) {
            throw new MasterKeyException("Cannot create master key file " + target + " owner-only: its file system "
                    + "has no POSIX permissions. Keep the key on a POSIX file system.");
        } catch (IOException e) {
            throw new MasterKeyException("Cannot create master key file " + target + ": " + e, e);
        } finally {
            Arrays.fill(key, (byte) 0);
            deleteQuietly(temp);
        }
    }

    /** True when {@code temp} now is {@code target}; false when another process created {@code target} first. */
    private static boolean publish(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
            return true;
        } catch (FileAlreadyExistsException theirs) {
            return false;
        } catch (UnsupportedOperationException | IOException noLinks) {
            throw new MasterKeyException("Cannot create master key file " + target + " atomically: linking the "
                    + "written key into place failed (" + noLinks + "; does the file system refuse hard links?). "
                    + "Create it yourself: (umask 077 && head -c 32 /dev/urandom > " + target + ")");
        }
    }

    /** Makes the new directory entry durable; not every platform can open a directory, which is then left as is. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("Cannot force directory {} to disk: {}", directory, e.toString());
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            log.warn("Cannot delete temporary key file {}: {}", temp, e.toString());
        }
    }

    private static MasterKeyException wrongLength(Path file, long length) {
        return new MasterKeyException("Master key file " + file + " must hold exactly " + MasterKey.BYTES
                + " bytes (a raw AES-256 key, not text), but holds " + length + " bytes. Is it the right file?");
    }

    private static boolean allZero(byte[] bytes) {
        int any = 0;
        for (byte b : bytes) {
            any |= b;
        }
        return any == 0;
    }
}
