package nl.vangnet.proxy.identify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LeaseTable} read from a DHCP server's lease file, and re-read when the file changes.
 *
 * <p>The file is read once when the table is made, then (after {@link #startPolling(Duration)}) every interval a
 * daemon thread compares each watched file's modification time, size and file key (inode) with those seen at the
 * last read and re-reads on any difference ({@link #reloadIfChanged()}). A read builds a new immutable map that
 * replaces the old one in one volatile write, so lookups never wait and never see a half-read file. The state of
 * the files is taken before reading, so a write that is still going on during a read makes the next poll read
 * again.
 *
 * <p>Default open: if a read fails (the file is missing, unreadable, or not in the format), the previous table stays
 * in use, the failure is logged at WARN with the file name only, counted in {@link LeaseMetrics}, and shown by
 * {@link #status()}; the file is tried again when it changes. A missing file at start gives an empty table until it
 * appears. Malformed lines are skipped and counted ({@link ParsedLeases}). No client data (IP or MAC addresses,
 * host names) is ever logged.
 *
 * <p>Lookups ({@link #macFor(InetAddress)}) are a map read plus a clock read: leases that have ended by the clock's
 * instant are ignored. Thread-safe.
 */
public final class LeaseFileTable implements LeaseTable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseFileTable.class);

    private final Path file;
    private final String fileName;
    private final LeaseFormat format;
    private final Clock clock;
    private final LeaseMetrics metrics;
    private final Object lock = new Object();
    private volatile Map<InetAddress, Lease> leases = Map.of();
    private volatile LeaseTableStatus status;
    /** File states at the last read; guarded by {@code lock}. */
    private List<FileState> seen;
    /** Guarded by {@code lock}. */
    private ScheduledExecutorService poller;
    /** Guarded by {@code lock}. */
    private boolean closed;

    /**
     * A table read from {@code file} now, not yet polling for changes (see {@link #startPolling(Duration)}).
     *
     * @param file    the lease file
     * @param format  its format, or {@link LeaseFormat#AUTO}
     * @param clock   the clock that decides which leases have ended, and stamps reads
     * @param metrics observes reloads; {@link LeaseMetrics#NONE} for none
     */
    public LeaseFileTable(Path file, LeaseFormat format, Clock clock, LeaseMetrics metrics) {
        this.file = Objects.requireNonNull(file, "file");
        this.format = Objects.requireNonNull(format, "format");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        Path name = file.getFileName();
        this.fileName = name == null ? file.toString() : name.toString();
        this.status = new LeaseTableStatus(file, format, LeaseFormat.AUTO, null, 0, 0, List.of(), null, null);
        reloadIfChanged();
    }

    /**
     * A table read from {@code file} now and re-read when it changes, checked every {@code interval}.
     *
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    public static LeaseFileTable watch(Path file, LeaseFormat format, Duration interval, Clock clock,
            LeaseMetrics metrics) {
        LeaseFileTable table = new LeaseFileTable(file, format, clock, metrics);
        table.startPolling(interval);
        return table;
    }

    /**
     * Starts checking the file for changes every {@code interval} on a daemon thread.
     *
     * @throws IllegalArgumentException if {@code interval} is not positive
     * @throws IllegalStateException    if polling already started or the table is closed
     */
    public void startPolling(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the lease file poll interval must be positive, was " + interval);
        }
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the lease table for " + fileName + " is closed");
            }
            if (poller != null) {
                throw new IllegalStateException("the lease table for " + fileName + " is already polling");
            }
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "vangnet-lease-poll");
                t.setDaemon(true);
                return t;
            });
            long millis = Math.max(1, interval.toMillis());
            poller.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public Optional<String> macFor(InetAddress address) {
        if (address == null) {
            return Optional.empty();
        }
        Lease lease = leases.get(AddressText.canonical(address));
        if (lease == null || !lease.isActiveAt(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(lease.mac());
    }

    /**
     * Re-reads the file if it (or, for Kea, one of the lease file cleanup's files) changed since the last read;
     * this is what the poller calls. A failed read keeps the previous table.
     *
     * @return whether the file changed and was read (successfully or not: see {@link #status()})
     */
    public boolean reloadIfChanged() {
        synchronized (lock) {
            List<FileState> now = fileStates();
            if (now.equals(seen)) {
                return false;
            }
            read(now);
            return true;
        }
    }

    /** Re-reads the file now, changed or not (for an explicit reload request). */
    public void reload() {
        synchronized (lock) {
            read(fileStates());
        }
    }

    /** The state of the table in use and of the last read. */
    public LeaseTableStatus status() {
        return status;
    }

    /** Stops polling; lookups keep answering from the last table. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (poller != null) {
                poller.shutdownNow();
            }
        }
    }

    private void poll() {
        try {
            reloadIfChanged();
        } catch (RuntimeException e) {
            // Keep polling; the message is left out because it might quote the file's content.
            LOG.warn("Checking lease file {} for changes failed ({})", fileName, e.getClass().getName());
        }
    }

    /** Guarded by {@code lock}. */
    private void read(List<FileState> states) {
        Instant at = clock.instant();
        LeaseTableStatus before = status;
        try {
            ParsedLeases parsed = LeaseFiles.read(file, format);
            leases = parsed.leases();
            status = new LeaseTableStatus(file, format, parsed.format(), at, parsed.leases().size(),
                    parsed.malformed(), parsed.problems(), at, null);
            metrics.reloaded(parsed.leases().size(), parsed.malformed());
            LOG.debug("Lease file {} read as {}: {} leases, {} malformed", fileName, parsed.format().configName(),
                    parsed.leases().size(), parsed.malformed());
            if (parsed.malformed() > 0 && (before.loadedAt() == null || before.malformed() != parsed.malformed())) {
                LOG.warn("Lease file {}: {} malformed lines or blocks skipped; first: {}", fileName,
                        parsed.malformed(), String.join("; ", parsed.problems()));
            }
        } catch (IOException | RuntimeException e) {
            String why = describe(e);
            status = new LeaseTableStatus(file, format, before.readAs(), before.loadedAt(), before.leases(),
                    before.malformed(), before.problems(), at, why);
            metrics.reloadFailed();
            LOG.warn("Lease file {} could not be read, the previous lease table stays in use ({} leases): {}",
                    fileName, before.leases(), why);
        }
        seen = states;
    }

    /** What went wrong, without anything read from the file. */
    private String describe(Exception e) {
        if (e instanceof UncheckedIOException u) {
            return describe(u.getCause());
        }
        if (e instanceof LeaseFileException) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException) {
            return fileName + " does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return fileName + " cannot be read: access denied";
        }
        if (e instanceof FileSystemException fse) {
            return fileName + " cannot be read: "
                    + (fse.getReason() == null ? e.getClass().getSimpleName() : fse.getReason());
        }
        if (e instanceof IOException) {
            return fileName + " cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage());
        }
        return "unexpected " + e.getClass().getName() + " while reading " + fileName;
    }

    private List<FileState> fileStates() {
        List<FileState> states = new ArrayList<>();
        for (Path p : format.watchedFiles(file)) {
            states.add(FileState.of(p));
        }
        return states;
    }

    /** What is compared to notice a change: existence, modification time, size and file key. */
    private record FileState(Path path, boolean exists, FileTime modified, long size, Object fileKey,
            String error) {
        static FileState of(Path p) {
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                return new FileState(p, true, a.lastModifiedTime(), a.size(), a.fileKey(), null);
            } catch (NoSuchFileException e) {
                return new FileState(p, false, null, -1, null, null);
            } catch (IOException e) {
                return new FileState(p, false, null, -1, null, e.getClass().getName());
            }
        }
    }
}
