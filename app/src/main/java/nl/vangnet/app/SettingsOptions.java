package nl.vangnet.app;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command shares: the settings file and the store URL. Used as a picocli mixin. */
final class SettingsOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Settings file (Java properties; see config/vangnet.properties). "
                    + "Environment variables VANGNET_* override it.")
    Path config;

    @Option(names = "--store-url", paramLabel = "JDBC_URL",
            description = "Overrides store.url (default: the embedded H2 file database at store.h2-path).")
    String storeUrl;

    @Option(names = "--h2-path", paramLabel = "PATH", description = "Overrides store.h2-path.")
    String h2Path;

    Map<Setting, String> overrides() {
        Map<Setting, String> o = new EnumMap<>(Setting.class);
        if (storeUrl != null) {
            o.put(Setting.STORE_URL, storeUrl);
        }
        if (h2Path != null) {
            o.put(Setting.STORE_H2_PATH, h2Path);
        }
        return o;
    }

    Settings load(Map<Setting, String> more) {
        Map<Setting, String> o = overrides();
        o.putAll(more);
        if (config != null && !config.toFile().isFile()) {
            throw nl.vangnet.config.rules.ValidationException.of("config", "settings file " + config
                    + " does not exist");
        }
        Settings settings = SettingsLoader.load(config, System.getenv(), o);
        LogOutput.use(settings.logFormat());
        return settings;
    }
}
