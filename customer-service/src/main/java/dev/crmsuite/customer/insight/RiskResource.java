package dev.crmsuite.customer.insight;

import dev.crmsuite.customer.customer.Customers;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A customer's risk now (for the customer-360 view). */
@Path("/api/v1/customers/{id}/risk")
@Tag(name = "Customers")
@Produces(MediaType.APPLICATION_JSON)
public class RiskResource {

    private final Customers customers;
    private final RiskAssessments assessments;
    private final Clock clock;

    public RiskResource(Customers customers, RiskAssessments assessments, Clock clock) {
        this.customers = customers;
        this.assessments = assessments;
        this.clock = clock;
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @Operation(operationId = "getCustomerRisk", summary = "How likely this customer is to be slipping away, and why",
            description = "Assessed now from the customer's own rhythm: recency, frequency and monetary value (RFM), the usual "
                    + "interval (median days between purchase days) and the next purchase expected one interval after the last; "
                    + "unresolved complaints and the last NPS answer, from the other services' events. Level LOW, MEDIUM or HIGH "
                    + "with the reasons in words. The list GET /api/v1/analytics/at-risk shows the assessment of the last purchase "
                    + "or daily sweep. A partner sees only customers who consented to partner sharing (others: 404).")
    @APIResponse(responseCode = "200", description = "The assessment", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RiskView.class), examples = @ExampleObject(name = "overdue monthly buyer", value = """
                    {"level":"HIGH","reasons":["no purchase for 94 days, usually every 30","last NPS 3"],
                    "lastPurchaseAt":"2026-03-02T10:00:00Z","recencyDays":94,"purchases12Months":3,"revenue12Months":900.00,
                    "usualIntervalDays":30,"expectedNextPurchaseAt":"2026-04-01T10:00:00Z","unresolvedComplaints":0,"lastNps":3,
                    "assessedAt":"2026-06-04T10:00:00Z"}""")))
    @APIResponse(responseCode = "404", description = "No such customer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RiskView risk(@Parameter(description = "Customer id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                         @PathParam("id") UUID id) {
        customers.read(id);
        return RiskView.of(assessments.current(id), OffsetDateTime.now(clock));
    }
}
