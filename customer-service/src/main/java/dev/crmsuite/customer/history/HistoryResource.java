package dev.crmsuite.customer.history;

import dev.crmsuite.platform.time.SqlTimes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.customer.customer.Customers;
import dev.crmsuite.customer.customer.PartnerVisibility;
import dev.crmsuite.customer.lifecycle.Lifecycle;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.paging.PageLimit;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/customers/{id}/history")
@Tag(name = "History", description = "Every change: who, when, field, old -> new")
@Produces(MediaType.APPLICATION_JSON)
public class HistoryResource {

    @Inject
    EntityManager em;
    @Inject
    Customers customers;
    @Inject
    PartnerVisibility visibility;

    /**
     * History rows whose value names another customer (a referral, a merge). A partner sees them only
     * when that customer is visible to partners too: the id of a hidden customer is not shown.
     */
    public static final String NAMES_ANOTHER_CUSTOMER = "field in ('referred', 'referredBy', 'mergedFrom', 'mergedInto')";

    /** SQL condition on {@code customer_history} (unaliased) for a partner caller. */
    public static String partnerVisibleSql() {
        return "(not " + NAMES_ANOTHER_CUSTOMER + " or " + PartnerVisibility.visibleIdSql(
                "case when jsonb_typeof(new_value) = 'string' and trim(both '\"' from cast(new_value as text)) ~ '^[0-9a-f-]+$'"
                        + " and length(cast(new_value as text)) = 38 then cast(trim(both '\"' from cast(new_value as text)) as uuid) end") + ")";
    }

    @Schema(name = "Change", description = "One changed field")
    public record Change(@Schema(examples = "42") long id, OffsetDateTime changedAt,
                         @Schema(description = "Who made the change (the actor in the gateway's token), or system", examples = "zhang.min") String actor,
                         @Schema(examples = "accountManager") String field,
                         @Schema(description = "The value before the change: any JSON value or null (see CustomerOpenApi)") JsonNode oldValue,
                         @Schema(description = "The value after the change: any JSON value or null (see CustomerOpenApi)") JsonNode newValue) {
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @Operation(operationId = "getCustomerHistory", summary = "The change history of a customer",
            description = "Newest first, keyset-paginated. Profile fields, segment inputs and segment, stage, merges and erasure. "
                    + "A partner does not see changes that name a customer hidden from partners (referrals, merges).")
    @APIResponse(responseCode = "200", description = "A page of changes")
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such customer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<Change> history(@PathParam("id") UUID id,
                                @Parameter(description = "1 to 200, default 20", example = "50") @QueryParam("limit") Integer limit,
                                @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        customers.require(id);
        int n = PageLimit.of(limit);
        Cursor c = Cursor.decode(cursor, 1);
        long before;
        try {
            before = c == null ? Long.MAX_VALUE : Long.parseLong(c.get(0));
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
        }
        String partnerFilter = visibility.partnerCalling() ? " and " + partnerVisibleSql() : "";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select id, changed_at, actor, field, cast(old_value as text), cast(new_value as text)
                        from customer_history where customer_id = ?1 and id < ?2""" + partnerFilter + " order by id desc limit ?3")
                .setParameter(1, id).setParameter(2, before).setParameter(3, n + 1).getResultList();
        return Page.of(rows, n, r -> Cursor.of(((Number) r[0]).longValue()), r -> new Change(((Number) r[0]).longValue(),
                SqlTimes.utc(r[1]), (String) r[2], (String) r[3], json((String) r[4]), json((String) r[5])));
    }

    private static JsonNode json(String s) {
        try {
            return s == null ? null : EventJson.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
