package nl.vangnet.proxy.identify;

import java.io.BufferedReader;
import java.io.IOException;

/** Reads one lease file format into a {@link LeaseCollector}. Implementations are stateless and thread-safe. */
interface LeaseParser {

    /**
     * Reads every entry of {@code in}, skipping (and reporting to {@code out}) what cannot be read.
     *
     * @param in   the file's text
     * @param file the file name, for problem descriptions
     * @param out  receives leases, removals and problems
     * @throws LeaseFileException if the file as a whole is not in this format
     * @throws IOException        if reading fails
     */
    void parse(BufferedReader in, String file, LeaseCollector out) throws IOException;
}
