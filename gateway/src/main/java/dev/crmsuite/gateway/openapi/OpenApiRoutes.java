package dev.crmsuite.gateway.openapi;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Serves the merged document at {@code /q/openapi} in place of the gateway's own, which Swagger UI
 * then shows in full. Public, as documentation: it lists operations and the scopes they need, no
 * data. (The per-caller cut is {@link PartnerOpenApiResource}.)
 */
@ApplicationScoped
public class OpenApiRoutes {

    private final SuiteOpenApi openApi;
    private final Vertx vertx;

    public OpenApiRoutes(SuiteOpenApi openApi, Vertx vertx) {
        this.openApi = openApi;
        this.vertx = vertx;
    }

    void install(@Observes Router router) {
        router.get("/q/openapi").order(-100).handler(this::respond);
    }

    private void respond(RoutingContext rc) {
        vertx.executeBlocking(() -> SuiteOpenApi.write(openApi.merged()), false)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        rc.fail(ar.cause());
                        return;
                    }
                    rc.response().putHeader("Content-Type", "application/json").end(ar.result());
                });
    }
}
