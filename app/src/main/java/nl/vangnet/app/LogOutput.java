package nl.vangnet.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Switches the log lines between text and JSON ({@code log.format}) after the settings are loaded: it gives every
 * stream appender of the root logger (the console appender of {@code logback.xml}) the encoder of the format. Only
 * the encoding changes; levels and the privacy filter of {@code logback.xml} stay as they are, so the JSON lines
 * carry exactly the events the text lines would. Does nothing when Logback is not the SLF4J backend. Call it from
 * one thread at start-up; the switch itself is safe while other threads log.
 */
public final class LogOutput {
    /** The pattern of the text format; the same as the console appender's in {@code logback.xml}. */
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n";

    private LogOutput() {
    }

    /** Uses {@code format} for the logs of this process (Logback's default context). */
    public static void use(LogFormat format) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            use(context, format);
        }
    }

    /**
     * Uses {@code format} for the stream appenders of {@code context}'s root logger. Text keeps an appender's own
     * pattern; only an appender that writes JSON is switched back to {@link #TEXT_PATTERN}.
     *
     * @return the number of appenders whose encoder was replaced
     */
    static int use(LoggerContext context, LogFormat format) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        List<OutputStreamAppender<ILoggingEvent>> streams = new ArrayList<>();
        for (var it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> a = it.next();
            if (a instanceof OutputStreamAppender<ILoggingEvent> s) {
                streams.add(s);
            }
        }
        int replaced = 0;
        for (OutputStreamAppender<ILoggingEvent> s : streams) {
            boolean json = s.getEncoder() instanceof JsonEncoder;
            if (json != (format == LogFormat.JSON)) {
                // not stop/start: stopping a console appender would close its stream
                s.setEncoder(encoder(context, format));
                replaced++;
            }
        }
        return replaced;
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, LogFormat format) {
        if (format == LogFormat.JSON) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            // timestamp, level, threadName, loggerName, markers, mdc, kvpList, formattedMessage, throwable
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            json.setWithMessage(false);
            json.setWithArguments(false);
            json.setWithFormattedMessage(true);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern(TEXT_PATTERN);
        text.start();
        return text;
    }
}
