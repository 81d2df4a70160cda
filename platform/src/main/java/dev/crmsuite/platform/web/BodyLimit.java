package dev.crmsuite.platform.web;

import dev.crmsuite.platform.problem.Problem;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Refuses a declared oversized body with 413 problem+json before anything reads it. (Vert.x would
 * refuse it too, but with a bare status and no body.)
 */
@ApplicationScoped
public class BodyLimit {

    @ConfigProperty(name = "crm.http.max-body-bytes", defaultValue = "1048576")
    long maxBodyBytes;

    void install(@Observes Router router) {
        router.route().order(-1000).handler(this::limit);
    }

    void limit(RoutingContext rc) {
        String length = rc.request().getHeader("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared > maxBodyBytes) {
                JsonObject problem = new JsonObject()
                        .put("type", Problem.TYPE_BASE + "payload-too-large")
                        .put("title", "Payload too large")
                        .put("status", 413)
                        .put("detail", "the request body is " + declared + " bytes; the limit is " + maxBodyBytes)
                        .put("instance", rc.request().path());
                rc.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close").end(problem.encode());
                return;
            }
        }
        rc.next();
    }
}
