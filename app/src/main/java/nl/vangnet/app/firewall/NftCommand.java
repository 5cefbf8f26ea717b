package nl.vangnet.app.firewall;

import java.io.IOException;

/**
 * Runs an {@code nft -f} script (one transaction: all of it applies or none). The production implementation is
 * {@link ProcessNftCommand}; tests record the scripts. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface NftCommand {
    /**
     * Applies the script.
     *
     * @throws IOException when nft cannot be run, times out or rejects the script; the message is nft's own
     *                     (error lines only) and names no address
     */
    void run(String script) throws IOException;
}
