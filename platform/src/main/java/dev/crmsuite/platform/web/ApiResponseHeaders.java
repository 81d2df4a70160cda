package dev.crmsuite.platform.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.net.URI;

/**
 * Headers every API answer carries: {@code X-Content-Type-Options: nosniff} (a JSON answer is never
 * sniffed into HTML), {@code Cache-Control: no-store} (personal data stays out of shared caches) and
 * a {@code Location} whose scheme and host come from {@code crm.http.public-url}, never from the
 * {@code Host} or {@code X-Forwarded-*} headers of the request.
 */
public class ApiResponseHeaders {

    private final URI publicUrl;

    public ApiResponseHeaders(@ConfigProperty(name = "crm.http.public-url") URI publicUrl) {
        this.publicUrl = publicUrl;
    }

    @ServerResponseFilter
    public void onResponse(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("X-Content-Type-Options", "nosniff");
        if (!headers.containsKey("Cache-Control")) {
            headers.putSingle("Cache-Control", "no-store");
        }
        Object location = headers.getFirst("Location");
        if (location != null) {
            headers.putSingle("Location", publicLocation(publicUrl, location.toString()));
        }
    }

    /** {@code location}'s path and query under {@code publicUrl}. */
    static String publicLocation(URI publicUrl, String location) {
        URI given = URI.create(location);
        String base = publicUrl.toString().replaceAll("/+$", "");
        return base + given.getRawPath() + (given.getRawQuery() == null ? "" : "?" + given.getRawQuery());
    }
}
