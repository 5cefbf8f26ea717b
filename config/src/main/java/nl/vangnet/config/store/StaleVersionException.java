package nl.vangnet.config.store;

/**
 * Optimistic-concurrency conflict: the write was based on {@code expectedVersion} but the stored entity is at
 * {@code actualVersion} (someone else changed it). Nothing was written. The HTTP layer maps this to 412.
 */
public final class StaleVersionException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String entityType;
    private final long entityId;
    private final long expectedVersion;
    private final long actualVersion;

    public StaleVersionException(String entityType, long entityId, long expectedVersion, long actualVersion) {
        super(entityType + " " + entityId + " is at version " + actualVersion + ", not " + expectedVersion
                + ": it was changed by someone else; reload and apply your change again");
        this.entityType = entityType;
        this.entityId = entityId;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    public String entityType() {
        return entityType;
    }

    public long entityId() {
        return entityId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    public long actualVersion() {
        return actualVersion;
    }
}
