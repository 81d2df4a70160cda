package dev.crmsuite.customer.customer;

import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.web.RequestIds;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns {@link CustomerMergedException} into a 308 to the same path under the surviving id. */
public class MergedRedirects {

    @ServerExceptionMapper
    public Response merged(CustomerMergedException e, UriInfo uri) {
        String path = "/" + uri.getPath().replaceFirst("^/", "");
        String target = path.replace(e.mergedId().toString(), e.survivingId().toString());
        String query = uri.getRequestUri().getRawQuery();
        return Response.status(308).type(Problem.MEDIA_TYPE)
                .header("Location", query == null ? target : target + "?" + query)
                .entity(new Problem(Problem.TYPE_BASE + e.slug(), e.title(), 308, e.getMessage(), path,
                        RequestIds.current(), null, e.extensions()))
                .build();
    }
}
