package nl.vangnet.config.store;

/** The database could not be reached or failed; nothing was written. Wraps the underlying cause. */
public final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
