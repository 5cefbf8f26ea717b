package nl.vangnet.app;

import picocli.CommandLine;

/** Reports the version from the jar manifest (or "development" when run from classes). Thread-safe. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"vangnet " + (v == null ? "development" : v)};
    }
}
