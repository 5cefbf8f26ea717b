package nl.vangnet.app.admintls;

/**
 * The admin API's TLS cannot be set up: a refused setting, or a keystore or certificate file that cannot be used. The
 * message is one line naming the setting or file and the fix. Immutable.
 */
public final class AdminTlsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AdminTlsException(String message) {
        super(message);
    }

    AdminTlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
