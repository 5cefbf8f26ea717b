package nl.vangnet.config.store;

/** The entity addressed by a write does not exist (any more). Nothing was written. */
public final class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String entityType;
    private final long entityId;

    public NotFoundException(String entityType, long entityId) {
        super(entityType + " " + entityId + " does not exist");
        this.entityType = entityType;
        this.entityId = entityId;
    }

    public String entityType() {
        return entityType;
    }

    public long entityId() {
        return entityId;
    }
}
