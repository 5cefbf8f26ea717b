package nl.vangnet.proxy.littleproxy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Keeps LittleProxy and Netty from logging request details, whatever the configured levels. Both log the client's
 * address, the requested host and whole requests at DEBUG/INFO/WARN (LittleProxy prefixes every connection message
 * with the channel, {@code L:/proxy - R:/client}); Vangnet must log nothing about clients without a restriction. This
 * filter denies:
 * <ul>
 *   <li>every event below ERROR from loggers under {@code org.littleshoot} and {@code io.netty} (this includes
 *       {@code io.netty.handler.logging});</li>
 *   <li>ERROR events of LittleProxy's connection loggers too ({@code ClientToProxyConnection},
 *       {@code ProxyToServerConnection}, {@code ProxyConnection}), because their messages always carry the client's
 *       address. Those are only counted ({@link #suppressedErrors()}).</li>
 * </ul>
 * Other ERROR events (start-up failures, Netty's leak reports) pass. Everything else is left to the configuration
 * ({@link FilterReply#NEUTRAL}).
 *
 * <p>Put it into {@code logback.xml} as {@code <turboFilter class="nl.vangnet.proxy.littleproxy.PrivacyTurboFilter"/>};
 * {@link ExplicitProxyListener#start()} also {@link #install() installs} it, in case the configuration lacks it (a
 * later reconfiguration of logback removes installed filters, so keep it in the file). Thread-safe.
 */
public final class PrivacyTurboFilter extends TurboFilter {
    static final List<String> QUIET_PREFIXES = List.of("org.littleshoot", "io.netty");
    static final List<String> CONNECTION_LOGGERS = List.of(
            "org.littleshoot.proxy.impl.ClientToProxyConnection",
            "org.littleshoot.proxy.impl.ProxyToServerConnection",
            "org.littleshoot.proxy.impl.ProxyConnection");

    private final LongAdder suppressedErrors = new LongAdder();

    public PrivacyTurboFilter() {
        setName("vangnet-privacy");
    }

    /**
     * Adds a started filter to logback's context unless one is there already.
     *
     * @return the filter in effect, or {@code null} when the SLF4J backend is not logback
     */
    public static PrivacyTurboFilter install() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return null;
        }
        synchronized (context) {
            for (TurboFilter f : context.getTurboFilterList()) {
                if (f instanceof PrivacyTurboFilter existing) {
                    return existing;
                }
            }
            PrivacyTurboFilter filter = new PrivacyTurboFilter();
            filter.setContext(context);
            filter.start();
            context.addTurboFilter(filter);
            return filter;
        }
    }

    /** How many ERROR events of LittleProxy's connection loggers were suppressed. */
    public long suppressedErrors() {
        return suppressedErrors.sum();
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        if (logger == null || level == null || !isQuiet(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        if (level.isGreaterOrEqual(Level.ERROR)) {
            if (!CONNECTION_LOGGERS.contains(logger.getName())) {
                return FilterReply.NEUTRAL;
            }
            if (format != null || t != null) {
                suppressedErrors.increment();
            }
        }
        return FilterReply.DENY;
    }

    private static boolean isQuiet(String name) {
        for (String prefix : QUIET_PREFIXES) {
            if (name.equals(prefix) || name.startsWith(prefix + ".")) {
                return true;
            }
        }
        return false;
    }
}
