package nl.vangnet.proxy.tls;

/**
 * The local CA could not be created or loaded. The message is one sentence naming the file and, where there is one,
 * the fix. Immutable.
 */
public final class LocalCaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LocalCaException(String message) {
        super(message);
    }

    LocalCaException(String message, Throwable cause) {
        super(message, cause);
    }
}
