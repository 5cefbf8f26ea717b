package nl.vangnet.proxy.lists;

import java.io.IOException;
import java.io.InputStream;

/** Opens the raw bytes of a list location (a local file or an http(s) URL). Implementations are thread-safe. */
@FunctionalInterface
interface SourceOpener {

    /**
     * The bytes at {@code location}, as stored (gzip is detected by the caller).
     *
     * @param location a local file path or an http(s) URL
     * @param remote   whether {@code location} is a URL
     * @throws IOException with a message that says what failed (missing file, HTTP status, timeout, size)
     */
    InputStream open(String location, boolean remote) throws IOException;
}
