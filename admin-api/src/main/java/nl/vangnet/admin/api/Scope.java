package nl.vangnet.admin.api;

import nl.vangnet.admin.http.ApiException;
import nl.vangnet.admin.http.Principal;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.rules.ValidationException;
import nl.vangnet.config.store.VangnetStore;

/**
 * Location scoping of care professionals: a client (and its devices and registrations) of another location is
 * answered exactly like one that does not exist (404 on reads and writes), so its existence is not revealed.
 * Stateless and thread-safe.
 */
final class Scope {
    private Scope() {
    }

    /** The client, if it exists and the principal may see it; 404 otherwise. */
    static Client client(VangnetStore store, Principal p, long id) {
        return store.client(id).filter(c -> p.mayAccessLocation(c.location()))
                .orElseThrow(() -> ApiException.notFound("client " + id + " does not exist"));
    }

    /** The registration, if it exists and the principal may see its client; 404 otherwise. */
    static Registration registration(VangnetStore store, Principal p, long id) {
        return store.registration(id).filter(r -> visible(store, p, r.clientId()))
                .orElseThrow(() -> ApiException.notFound("registration " + id + " does not exist"));
    }

    /** Whether the principal may see the client with this id (false for an unknown client too). */
    static boolean visible(VangnetStore store, Principal p, long clientId) {
        return store.client(clientId).map(c -> p.mayAccessLocation(c.location())).orElse(false);
    }

    /** A care professional may only name clients of their own location in a body: else "does not exist". */
    static void clientField(VangnetStore store, Principal p, long clientId) {
        if (!visible(store, p, clientId) && store.client(clientId).isPresent()) {
            throw ValidationException.of("clientId", "client " + clientId + " does not exist");
        }
    }

    /** A care professional may only put clients at their own location. */
    static void locationField(Principal p, String location) {
        if (location != null && !p.mayAccessLocation(location.strip())) {
            throw ValidationException.of("location", "you work at location '" + p.location()
                    + "' and can record clients of that location only");
        }
    }
}
