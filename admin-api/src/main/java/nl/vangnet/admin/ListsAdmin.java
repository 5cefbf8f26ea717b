package nl.vangnet.admin;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the admin API can do with the block lists of this node: show their status and start a reload. Implemented
 * by the launcher over the proxy's list catalog. Implementations are thread-safe.
 */
public interface ListsAdmin {

    /** A node without lists (the proxy is not running here): no lists, reload does nothing. */
    ListsAdmin NONE = new ListsAdmin() {
        @Override
        public List<ListStatusResponse> status() {
            return List.of();
        }

        @Override
        public CompletableFuture<List<ListStatusResponse>> reload() {
            return CompletableFuture.completedFuture(List.of());
        }
    };

    /** The status of every configured list, by id. */
    List<ListStatusResponse> status();

    /**
     * Starts reloading every list from its sources (or joins a reload in progress); completes with the status
     * after the reload. The old lists keep serving until the new ones are ready; a failing source keeps its old
     * contents and shows up in {@link ListStatusResponse#lastFailure()}.
     */
    CompletableFuture<List<ListStatusResponse>> reload();
}
