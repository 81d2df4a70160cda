package dev.crmsuite.complaint.escalation;

import dev.crmsuite.complaint.complaint.ComplaintResource;
import dev.crmsuite.complaint.complaint.ComplaintView;
import dev.crmsuite.complaint.complaint.ComplaintViews;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.TimeAndId;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.paging.PageLimit;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.ZoneOffset;

/**
 * The escalation queue: what an escalation owner (a team lead, then the next in the team's chain)
 * has to take over. Back-office work: partners never see it, whatever their key holds.
 */
@Path("/api/v1/escalations")
@Tag(name = "Complaints", description = "Complaint intake, handling, deadlines and resolution")
@Produces(MediaType.APPLICATION_JSON)
public class EscalationResource {

    private final Escalations escalations;
    private final ComplaintViews views;

    public EscalationResource(Escalations escalations, ComplaintViews views) {
        this.escalations = escalations;
        this.views = views;
    }

    @GET
    @RolesAllowed(Scopes.COMPLAINTS_READ)
    @StaffOnly("the escalation queue of our team leads and managers")
    @Operation(operationId = "listEscalations", summary = "Escalation queue",
            description = "Escalated complaints, oldest escalation first, each with its escalation (level, owner, escalatedAt, "
                    + "reason, status). A missed deadline escalates a complaint to the first owner of its team's chain "
                    + "(crm.complaint.escalation.chain.<team>, the team lead), each further escalation to the next one. "
                    + "owner=<handler>&status=OPEN is that owner's work: escalations they have not acknowledged yet "
                    + "(POST /complaints/{id}/escalation/acknowledge takes one over). Keyset paginated like every list of the "
                    + "suite: {items, nextCursor}; pass nextCursor as cursor for the next page (null on the last).")
    @APIResponse(responseCode = "200", description = "A page of escalated complaints",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ComplaintResource.ComplaintPage.class)))
    @APIResponse(responseCode = "400", description = "An unknown owner (not a handler) or status, or a bad limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ComplaintView> list(
            @Parameter(description = "Escalation owner (a handler); absent: everybody's", example = "care-lead")
            @QueryParam("owner") String owner,
            @Parameter(description = "OPEN (not acknowledged yet) or ACKNOWLEDGED; absent: both", example = "OPEN",
                    schema = @Schema(enumeration = {"OPEN", "ACKNOWLEDGED"}))
            @QueryParam("status") String status,
            @Parameter(description = "Page size, 1 to 200 (default 20)", example = "20") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        String who = escalations.owner(owner);
        Escalations.Status only = Escalations.status(status);
        int size = PageLimit.of(limit);
        return Page.of(escalations.queue(who, only, TimeAndId.decode(cursor), size + 1), size,
                c -> Cursor.of(c.escalatedAt.withOffsetSameInstant(ZoneOffset.UTC), c.id), views::of);
    }
}
