package dev.crmsuite.gateway.openapi;

import dev.crmsuite.gateway.access.Caller;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Serves the merged document at {@code /q/openapi} (in place of the gateway's own, which Swagger UI
 * then shows in full) and the per-partner view at {@code /api/v1/partner/openapi}.
 */
@ApplicationScoped
public class OpenApiRoutes {

    @Inject
    SuiteOpenApi openApi;
    @Inject
    Vertx vertx;

    void install(@Observes Router router) {
        router.get("/q/openapi").order(-100).handler(rc -> respond(rc, null));
        // Runs after AccessFilter (-200), which put the authenticated caller in the context.
        router.get("/api/v1/partner/openapi").order(-50).handler(rc -> respond(rc, rc.get(Caller.ROUTING_CONTEXT_KEY)));
    }

    private void respond(RoutingContext rc, Caller caller) {
        vertx.executeBlocking(() -> SuiteOpenApi.write(caller == null ? openApi.merged() : openApi.forCaller(caller)), false)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        rc.fail(ar.cause());
                        return;
                    }
                    rc.response().putHeader("Content-Type", "application/json").end(ar.result());
                });
    }
}
