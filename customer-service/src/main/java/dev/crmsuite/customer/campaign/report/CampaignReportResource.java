package dev.crmsuite.customer.campaign.report;

import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import jakarta.annotation.security.RolesAllowed;
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

import java.util.UUID;

/** The campaign report: delivery, response and the lift measured against the holdout. */
@Path("/api/v1/campaigns/{id}/report")
@Tag(name = "Campaign reports", description = "What a campaign run did, and what it caused")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignReportResource {

    private final CampaignReports reports;

    public CampaignReportResource(CampaignReports reports) {
        this.reports = reports;
    }

    @GET
    @RolesAllowed(Scopes.CAMPAIGNS_READ)
    @StaffOnly("an aggregate over every customer of a campaign, back-office")
    @Operation(operationId = "getCampaignReport", summary = "A campaign run's report with its measured lift",
            description = "For one run (default: the latest finished one): audience size, exclusions by reason, holdout, requested, "
                    + "deferred, delivered, bounced, opened and clicked with their rates, for invitations the RSVPs and attendance, "
                    + "and the lift: purchases and net revenue (amount - refunds) per customer in the measurementDays after the "
                    + "run's send time, recipients (requested, delivered or bounced) against the random holdout, with the "
                    + "difference and its 95% confidence interval (Welch, normal approximation; no interval when a group has fewer "
                    + "than 2 customers). windowComplete says whether the window is over. All of it overall and per segment "
                    + "(the customer's segment when the run was sent). See docs/campaigns.md, \"Report and lift\".")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CampaignReportModels.CampaignReport.class)))
    @APIResponse(responseCode = "400", description = "Invalid run number; errors[] names the parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such campaign, or no run of that number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "No run was given and no run has finished yet",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CampaignReportModels.CampaignReport report(@Parameter(description = "The campaign's id") @PathParam("id") UUID id,
                                                      @Parameter(description = "The run's number (1 for the first); the latest finished run when absent",
                                                              example = "1") @QueryParam("run") Integer run) {
        return reports.report(id, run);
    }
}
