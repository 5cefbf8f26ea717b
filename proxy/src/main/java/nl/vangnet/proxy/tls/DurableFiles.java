package nl.vangnet.proxy.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The steps of writing a key or certificate file so that a crash never leaves a half-written one: write a temporary
 * file in the same directory and force it to disk ({@link #writeSynced}), then move it into place atomically
 * ({@link #moveIntoPlace}); on failure delete the temporary file ({@link #deleteQuietly}). Used by the local CA of the
 * HTTPS block page and by the admin API's self-signed certificate. Stateless and thread-safe.
 */
public final class DurableFiles {
    private DurableFiles() {
    }

    /** Replaces the contents of the existing {@code file} with {@code text} (US-ASCII, e.g. PEM) and syncs it. */
    public static void writeSynced(Path file, String text) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
    }

    /**
     * Moves {@code from} to {@code to}, atomically where the file system can (a plain move otherwise).
     *
     * @param replace whether an existing {@code to} is replaced; {@code false}: the move fails if it exists
     */
    public static void moveIntoPlace(Path from, Path to, boolean replace) throws IOException {
        StandardCopyOption[] atomic = replace
                ? new StandardCopyOption[] {StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING}
                : new StandardCopyOption[] {StandardCopyOption.ATOMIC_MOVE};
        try {
            Files.move(from, to, atomic);
        } catch (AtomicMoveNotSupportedException e) {
            if (replace) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to);
            }
        }
    }

    /** Deletes {@code file} if it exists, ignoring failures (a leftover temporary file is harmless); null is ignored. */
    public static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // best effort, as documented
        }
    }
}
