package nl.vangnet.proxy.identify;

import java.io.IOException;

/**
 * A lease file as a whole is not in the expected format (for example a Kea file without its header line, or a file
 * whose format cannot be detected). Malformed single lines or blocks never cause it: they are skipped and counted.
 * The message names the file and never contains client data.
 */
public final class LeaseFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public LeaseFileException(String message) {
        super(message);
    }
}
