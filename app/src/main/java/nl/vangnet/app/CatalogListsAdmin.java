package nl.vangnet.app;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import nl.vangnet.admin.ListStatusResponse;
import nl.vangnet.admin.ListsAdmin;
import nl.vangnet.proxy.lists.ListCatalog;
import nl.vangnet.proxy.lists.ListProblem;
import nl.vangnet.proxy.lists.ListStatus;

/** The admin API's view of the proxy's list catalog. Thread-safe. */
final class CatalogListsAdmin implements ListsAdmin {
    private final ListCatalog catalog;

    CatalogListsAdmin(ListCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<ListStatusResponse> status() {
        return catalog.status().stream().map(CatalogListsAdmin::response).toList();
    }

    @Override
    public CompletableFuture<List<ListStatusResponse>> reload() {
        return catalog.reload().thenApply(report -> status());
    }

    static ListStatusResponse response(ListStatus s) {
        return new ListStatusResponse(s.id(), s.sources(), s.entries(), s.malformed(), s.unsupported(),
                s.problems().stream().map(ListProblem::toString).toList(), s.loadedAt(),
                s.lastFailure() == null ? null : s.lastFailure().message(),
                s.lastFailure() == null ? null : s.lastFailure().at());
    }
}
