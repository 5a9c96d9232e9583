package io.coremonitor.server.internal;

import io.coremonitor.engine.catalog.Catalog;
import io.coremonitor.server.internal.CatalogBodies.CatalogReloadView;
import io.coremonitor.server.internal.CatalogBodies.ComponentSummaryView;
import io.coremonitor.server.internal.CatalogBodies.ComponentView;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

/** The catalog: its components, one component, and reading it again. */
final class CatalogRoutes {

    private final CatalogHolder catalog;

    CatalogRoutes(CatalogHolder catalog) {
        this.catalog = catalog;
    }

    void list(Context ctx) {
        ctx.json(Views.items(catalog.current().components().stream().map(ComponentSummaryView::of).toList()));
    }

    void get(Context ctx) {
        String id = ctx.pathParam("id");
        Catalog current = catalog.current();
        ctx.json(ComponentView.of(current.find(id).orElseThrow(() -> new NotFoundResponse("there is no component '"
                + Requests.abbreviate(id) + "' in the catalog; its components are: " + String.join(", ", current.ids())))));
    }

    /** Reads the catalog again; an invalid file is an InvalidCatalogException (422) and the catalog in use stays. */
    void reload(Context ctx) {
        ctx.json(new CatalogReloadView(catalog.reload().components().size()));
    }
}
