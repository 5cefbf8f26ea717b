package nl.vangnet.config.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the store's committed changes on PostgreSQL: {@code LISTEN}s on {@value #CHANNEL} on a dedicated
 * connection (outside the pool) on its own daemon thread ({@value #THREAD_NAME}), and tells its {@link Handler} of
 * every notification. The trigger of migration {@code db/postgresql/V3_1} sends one, with the new data version as
 * payload, for every audited write, delivered when that write commits.
 *
 * <p>It is the fast path only: polling the data version stays the fallback (see {@code SnapshotPublisher}). When
 * the connection cannot be opened or dies, the listener logs it once per outage (not per attempt), reconnects with
 * a backoff doubling from {@code minBackoff} to {@code maxBackoff}, and, once {@code LISTEN} is in place again,
 * calls {@link Handler#listening()} so the owner can catch up on what it missed. A connection that stays quiet is
 * checked every {@link #IDLE_CHECK}, so a silently dropped one is noticed too.
 *
 * <p>Thread-safe: {@link #start()} once, {@link #close()} from any thread (idempotent, waits up to
 * {@link #CLOSE_WAIT} for the thread to end).
 */
public final class ChangeListener implements AutoCloseable {
    /** The notification channel. */
    public static final String CHANNEL = "vangnet_changes";
    /** Name of the listening thread. */
    public static final String THREAD_NAME = "vangnet-listen";
    /** How long a quiet connection waits before it is checked with a round trip. */
    static final Duration IDLE_CHECK = Duration.ofSeconds(5);
    /** How long {@link #close()} waits for the thread. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final int WAIT_MILLIS = 500;
    private static final int VALID_TIMEOUT_SECONDS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);

    /** Opens the listening connection (e.g. {@link Database#connectUnpooled()}). */
    @FunctionalInterface
    public interface Connector {
        /** A new connection with auto-commit on; the listener closes it. */
        Connection connect() throws SQLException;
    }

    /** What the listener tells its owner, on the listening thread: implementations must be quick. */
    public interface Handler {
        /**
         * A write committed; the store's data version is now (at least) {@code dataVersion}.
         *
         * @return whether this queued a reload ({@code false}: that version is loaded, or a queued reload covers
         *         it)
         */
        boolean changed(long dataVersion);

        /** {@code LISTEN} is in place (again): changes committed before may have been missed, so check now. */
        void listening();
    }

    /** What happened to a notification (the {@code result} label of {@code vangnet_snapshot_notifications_total}). */
    public enum Result {
        /** It queued a reload of the snapshot. */
        RELOAD,
        /** Its data version was already loaded, or a queued reload covers it. */
        CURRENT,
        /** Its payload was not a data version (not sent by Vangnet); ignored. */
        MALFORMED;

        /** The lower-case label. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Counts notifications; {@link #NONE} does nothing. Implementations are thread-safe and quick. */
    @FunctionalInterface
    public interface Metrics {
        /** Counts nothing. */
        Metrics NONE = result -> { };

        /** One notification arrived and was handled with {@code result}. */
        void notification(Result result);
    }

    private final Connector connector;
    private final Handler handler;
    private final Metrics metrics;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final Object lock = new Object();
    private final Thread thread;
    /** Guarded by {@link #lock}. */
    private boolean closed;
    /** Guarded by {@link #lock}. */
    private boolean started;
    /** The open connection, closed by {@link #close()} to wake the thread. Guarded by {@link #lock}. */
    private Connection connection;
    private volatile boolean listening;

    /**
     * @param minBackoff first wait before reconnecting (positive)
     * @param maxBackoff longest wait before reconnecting (at least {@code minBackoff})
     */
    public ChangeListener(Connector connector, Handler handler, Metrics metrics, Duration minBackoff,
            Duration maxBackoff) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(minBackoff, "minBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (minBackoff.isNegative() || minBackoff.isZero()) {
            throw new IllegalArgumentException("minBackoff must be positive, got " + minBackoff);
        }
        if (maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must not be shorter than minBackoff ("
                    + minBackoff + ")");
        }
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
        this.thread = new Thread(this::run, THREAD_NAME);
        this.thread.setDaemon(true);
    }

    /**
     * Starts the listening thread.
     *
     * @throws IllegalStateException when already started or closed
     */
    public void start() {
        synchronized (lock) {
            if (closed || started) {
                throw new IllegalStateException(closed ? "closed" : "already started");
            }
            started = true;
        }
        thread.start();
    }

    /** Whether {@code LISTEN} is in place now. */
    public boolean listening() {
        return listening;
    }

    @Override
    public void close() {
        Connection open;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            open = connection;
            lock.notifyAll();
        }
        closeQuietly(open);
        if (thread.isAlive()) {
            try {
                thread.join(CLOSE_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    private void run() {
        long backoffMillis = minBackoff.toMillis();
        boolean outage = false;
        while (!isClosed()) {
            Connection c = null;
            try {
                c = connector.connect();
                synchronized (lock) {
                    if (closed) {
                        break;
                    }
                    connection = c;
                }
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                setListening(true);
                if (outage) {
                    LOG.info("listening for store changes again on channel {}", CHANNEL);
                } else {
                    LOG.debug("listening for store changes on channel {}", CHANNEL);
                }
                outage = false;
                backoffMillis = minBackoff.toMillis();
                handler.listening();
                listen(c, pg);
            } catch (SQLException | RuntimeException e) {
                if (isClosed()) {
                    break;
                }
                if (!outage) {
                    LOG.warn("not listening for store changes ({}); the snapshot poll continues, reconnecting with"
                            + " a backoff of up to {} s", e.toString(), maxBackoff.toSeconds());
                    outage = true;
                } else {
                    LOG.debug("still not listening for store changes: {}", e.toString());
                }
            } finally {
                setListening(false);
                synchronized (lock) {
                    connection = null;
                }
                closeQuietly(c);
            }
            if (!pause(backoffMillis)) {
                break;
            }
            backoffMillis = Math.min(backoffMillis * 2, maxBackoff.toMillis());
        }
        setListening(false);
    }

    /** Receives notifications until the connection fails (throws) or the listener is closed (returns). */
    private void listen(Connection c, PGConnection pg) throws SQLException {
        long lastActivity = System.nanoTime();
        while (!isClosed()) {
            PGNotification[] received = pg.getNotifications(WAIT_MILLIS);
            if (received != null && received.length > 0) {
                lastActivity = System.nanoTime();
                for (PGNotification n : received) {
                    if (CHANNEL.equals(n.getName())) {
                        metrics.notification(handle(n.getParameter()));
                    }
                }
            } else if (System.nanoTime() - lastActivity > IDLE_CHECK.toNanos()) {
                if (!c.isValid(VALID_TIMEOUT_SECONDS)) {
                    throw new SQLException("the listening connection no longer answers");
                }
                lastActivity = System.nanoTime();
            }
        }
    }

    private Result handle(String payload) {
        long version;
        try {
            version = Long.parseLong(payload == null ? "" : payload.strip());
        } catch (NumberFormatException e) {
            LOG.warn("ignoring a notification on channel {} whose payload is not a data version: '{}'", CHANNEL,
                    payload == null ? "" : payload.length() > 40 ? payload.substring(0, 40) + "..." : payload);
            return Result.MALFORMED;
        }
        try {
            return handler.changed(version) ? Result.RELOAD : Result.CURRENT;
        } catch (RuntimeException e) {
            LOG.warn("handling the change notification for data version {} failed", version, e);
            return Result.CURRENT;
        }
    }

    private void setListening(boolean now) {
        listening = now;
    }

    /** Waits {@code millis} unless closed first; false when closed. */
    private boolean pause(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (lock) {
            while (!closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return false;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("closing the listening connection: {}", e.toString());
        }
    }
}
