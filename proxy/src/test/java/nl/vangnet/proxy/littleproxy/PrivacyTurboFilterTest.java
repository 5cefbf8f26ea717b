package nl.vangnet.proxy.littleproxy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrivacyTurboFilterTest {
    private final LoggerContext context = new LoggerContext();
    private final PrivacyTurboFilter filter = new PrivacyTurboFilter();

    @ParameterizedTest(name = "{0} at {1} → {2}")
    @CsvSource({
            "org.littleshoot.proxy.impl.ClientToProxyConnection, DEBUG, DENY",
            "org.littleshoot.proxy.impl.ClientToProxyConnection, WARN, DENY",
            "org.littleshoot.proxy.impl.ClientToProxyConnection, ERROR, DENY",
            "org.littleshoot.proxy.impl.ProxyToServerConnection, ERROR, DENY",
            "org.littleshoot.proxy.impl.ProxyConnection, ERROR, DENY",
            "org.littleshoot.proxy.impl.DefaultHttpProxyServer, INFO, DENY",
            "org.littleshoot.proxy.impl.DefaultHttpProxyServer, ERROR, NEUTRAL",
            "org.littleshoot, TRACE, DENY",
            "io.netty.handler.logging.LoggingHandler, INFO, DENY",
            "io.netty.handler.logging.LoggingHandler, ERROR, NEUTRAL",
            "io.netty.channel.DefaultChannelPipeline, WARN, DENY",
            "io.netty.util.ResourceLeakDetector, ERROR, NEUTRAL",
            "io.nettyx.Other, DEBUG, NEUTRAL",
            "org.littleshootx, DEBUG, NEUTRAL",
            "nl.vangnet.proxy.littleproxy.ExplicitProxyListener, DEBUG, NEUTRAL",
            "ROOT, DEBUG, NEUTRAL"
    })
    void deniesLittleProxyAndNettyBelowErrorAndConnectionErrors(String logger, String level, FilterReply reply) {
        assertThat(filter.decide(null, context.getLogger(logger), Level.toLevel(level), "message {}",
                new Object[] {"x"}, null)).isEqualTo(reply);
    }

    @ParameterizedTest
    @CsvSource({"org.littleshoot.proxy.impl.ClientToProxyConnection, 1", "org.littleshoot.proxy.impl.Other, 0"})
    void countsSuppressedConnectionErrorsButNotEnabledChecks(String logger, long expected) {
        filter.decide(null, context.getLogger(logger), Level.ERROR, null, null, null);
        filter.decide(null, context.getLogger(logger), Level.ERROR, "boom", null, null);

        assertThat(filter.suppressedErrors()).isEqualTo(expected);
    }
}
