package dev.crmsuite.loyalty.reward;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmsuite.loyalty.reward.RewardViews.NewReward;
import dev.crmsuite.loyalty.reward.RewardViews.RewardChange;
import dev.crmsuite.loyalty.reward.RewardViews.RewardView;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.paging.PageLimit;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Callers;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import dev.crmsuite.platform.web.IdempotentCreates;
import dev.crmsuite.platform.web.PartialUpdates;
import jakarta.annotation.security.RolesAllowed;
import dev.crmsuite.platform.web.Versions;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

@Path("/api/v1/loyalty/rewards")
@Tag(name = "Rewards", description = "The rewards catalogue")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RewardResource {

    @Inject
    EntityManager em;
    @Inject
    IdempotentCreates idempotent;
    @Inject
    Clock clock;
    @Inject
    Callers callers;
    @Inject
    ObjectMapper mapper;
    @Inject
    Validator validator;

    @POST
    @RolesAllowed(Scopes.ADMIN)
    @StaffOnly("the catalogue prices points: configuration of the programme")
    @Transactional
    @Operation(operationId = "createReward", summary = "Add a reward",
            description = "Adds a reward to the catalogue, optionally with limited stock. Send an Idempotency-Key to retry safely. "
                    + "Configuration of the programme: admin only.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RewardView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; errors[] names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Parameter(description = "Makes a retried create return the first response", example = "reward-cinema-1")
                           @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey,
                           @Valid @NotNull NewReward request) {
        return idempotent.execute(callers.idempotencyScope("rewards"), idempotencyKey, request, () -> {
            Reward reward = new Reward();
            reward.id = UUID.randomUUID();
            reward.name = request.name().trim();
            reward.description = request.description();
            reward.pointsCost = request.pointsCost();
            reward.stock = request.stock();
            reward.active = true;
            reward.createdAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            reward.persist();
            em.flush();
            return Response.created(URI.create("/api/v1/loyalty/rewards/" + reward.id))
                    .tag(Versions.etag(reward.version)).entity(RewardView.of(reward)).build();
        });
    }

    @GET
    @RolesAllowed(Scopes.LOYALTY_READ)
    @Operation(operationId = "listRewards", summary = "List rewards",
            description = "The catalogue in the order rewards were added, keyset paginated.")
    @APIResponse(responseCode = "200", description = "A page of rewards")
    @APIResponse(responseCode = "400", description = "Bad limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<RewardView> list(@Parameter(description = "Page size, 1 to 200", example = "20") @QueryParam("limit") Integer limit,
                                 @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = PageLimit.of(limit);
        Cursor after = Cursor.decode(cursor, 2);
        String jpql = "from Reward" + (after == null ? "" : " where createdAt > :at or (createdAt = :at and id > :id)")
                + " order by createdAt, id";
        TypedQuery<Reward> query = em.createQuery(jpql, Reward.class);
        if (after != null) {
            try {
                query.setParameter("at", OffsetDateTime.parse(after.get(0))).setParameter("id", UUID.fromString(after.get(1)));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
            }
        }
        return Page.of(query.setMaxResults(size + 1).getResultList(), size, r -> Cursor.of(r.createdAt, r.id), RewardView::of);
    }

    @GET
    @RolesAllowed(Scopes.LOYALTY_READ)
    @Path("/{rewardId}")
    @Operation(operationId = "getReward", summary = "Read a reward", description = "One reward with its remaining stock.")
    @APIResponse(responseCode = "200", description = "The reward",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RewardView.class)))
    @APIResponse(responseCode = "404", description = "No such reward",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("rewardId") UUID rewardId) {
        Reward reward = Reward.<Reward>findByIdOptional(rewardId).orElseThrow(() -> ProblemException.notFound("reward", rewardId));
        return Response.ok(RewardView.of(reward)).tag(Versions.etag(reward.version)).build();
    }

    @PATCH
    @RolesAllowed(Scopes.ADMIN)
    @StaffOnly("the catalogue prices points: configuration of the programme")
    @Path("/{rewardId}")
    @Transactional
    @Consumes({PartialUpdates.MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(operationId = "updateReward", summary = "Change a reward (JSON Merge Patch)",
            description = "RFC 7396, sent as application/merge-patch+json or application/json (same meaning): a member present "
                    + "replaces, null removes an optional one (description; stock, which makes the reward unlimited), an absent "
                    + "member stays as it is. name, pointsCost and active cannot be removed: null for them is 400 naming the field. "
                    + "Requires If-Match with the ETag you read; every redemption of a stock-limited reward changes the ETag, so a "
                    + "restock never overwrites a sale. Configuration of the programme: admin only.")
    @RequestBody(required = true, content = {
            @Content(mediaType = PartialUpdates.MERGE_PATCH, schema = @Schema(implementation = RewardChange.class),
                    examples = {
                            @ExampleObject(name = "restock and reprice", value = "{\"stock\":250,\"pointsCost\":1800}"),
                            @ExampleObject(name = "unlimited, no description", value = "{\"stock\":null,\"description\":null}")}),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RewardChange.class),
                    examples = @ExampleObject(name = "withdraw from the catalogue", value = "{\"active\":false}"))})
    @APIResponse(responseCode = "200", description = "Changed, with the new ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RewardView.class)))
    @APIResponse(responseCode = "400", description = "Invalid patch (a wrong type, a value out of range, null for a required "
            + "member); errors[] names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such reward",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Changed by another request at the same time",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale: read the reward again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is neither application/merge-patch+json nor application/json; "
            + "the detail names what is accepted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("rewardId") UUID rewardId,
                           @Parameter(description = "The ETag of the reward as you read it (GET or the last change); required, "
                                   + "so a change never overwrites one made since", example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
                           String body) throws JsonProcessingException {
        // A bad patch is a 400 whatever the reward's state, as for every other body; then 404, then the precondition.
        RewardPatch patch = RewardPatch.read(body, mapper);
        Set<ConstraintViolation<RewardChange>> violations = validator.validate(patch.values());
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        Reward reward = Reward.<Reward>findByIdOptional(rewardId).orElseThrow(() -> ProblemException.notFound("reward", rewardId));
        Versions.requireMatch(ifMatch, reward.version);
        patch.applyTo(reward);
        em.flush();
        return Response.ok(RewardView.of(reward)).tag(Versions.etag(reward.version)).build();
    }
}
