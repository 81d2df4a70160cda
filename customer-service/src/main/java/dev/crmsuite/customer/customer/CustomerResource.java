package dev.crmsuite.customer.customer;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.paging.PageLimit;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.security.Callers;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.web.IdempotentCreates;
import dev.crmsuite.platform.web.PartialUpdates;
import dev.crmsuite.platform.web.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

@Path("/api/v1/customers")
@Tag(name = "Customers", description = "Customer profiles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CustomerResource {

    @Inject
    CustomerRegistration registration;
    @Inject
    CustomerUpdates updates;
    @Inject
    CustomerSearch search;
    @Inject
    Customers customers;
    @Inject
    CustomerViews views;
    @Inject
    IdempotentCreates idempotent;
    @Inject
    Callers callers;

    @POST
    @RolesAllowed(Scopes.CUSTOMERS_WRITE)
    @Transactional
    @Operation(operationId = "registerCustomer", summary = "Register a customer",
            description = "Creates a customer and publishes crm.customer.registered.v1. Emails are lower-cased and must be unique; "
                    + "phones are normalised to E.164. Send an Idempotency-Key to retry safely: keys are per caller, so another "
                    + "caller's key never replays your answer. A partner may record the consents the customer gave when signing up "
                    + "with it; after that, consents change only through staff.")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; errors[] names the fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A customer with this email exists; existingCustomerId names it (unless the caller is a partner who may not see it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(
            @Parameter(description = "Makes a retried create return the first response", example = "b3b4c1d2-retry-1")
            @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "person",
                    value = "{\"name\":\"Li Wei\",\"email\":\"li.wei@example.com\",\"phone\":\"138 0013 8000\","
                            + "\"acquisitionChannel\":\"WEB\",\"consents\":{\"marketing\":true,\"partnerSharing\":false},\"tags\":[\"vip\"]}")))
            @Valid @NotNull CustomerProfile request) {
        return idempotent.execute(callers.idempotencyScope("customers"), idempotencyKey, request, () -> {
            Customer customer = registration.register(request);
            return Response.created(URI.create("/api/v1/customers/" + customer.id))
                    .tag(Versions.etag(customer.version))
                    .entity(views.of(customer)).build();
        });
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @Operation(operationId = "listCustomers", summary = "List and search customers",
            description = "Newest first, keyset-paginated (pass nextCursor as cursor). Filters combine with AND. A partner "
                    + "sees only customers who consented to partner sharing, in lists and searches alike.\n\n"
                    + "With q the page is ranked: (0) exact matches, newest first; (1) name prefixes, then (2) email prefixes, "
                    + "each in phone-book order (the name or address A to Z, then newest first); (3) name fragments, newest first. "
                    + "Each customer is listed once, at its best rank, and the cursor pages through the ranks in that order. "
                    + "q (2 to 100 characters, case and surrounding or repeated spaces ignored) matches:\n"
                    + "- an email address (li.wei@example.com): exactly, on any of a customer's emails (rank 0);\n"
                    + "- a phone number in any spelling a profile accepts (+86 138-0013-8000, 0086 138 0013 8000, 138 0013 8000 "
                    + "with the default country code): exactly, on any of a customer's phones (rank 0). Part of a number matches "
                    + "no phone;\n"
                    + "- any text: the beginning of any email (\"li.wei@exa\", \"li.w\", \"12345\") and, unless it holds an @ or "
                    + "is written like a phone, the beginning of the name (\"li w\" finds Li Wei) (name: rank 1, email: rank 2);\n"
                    + "- text of 3 or more characters that is not an email or phone: anywhere in the name (\"wei\" finds Li Wei) "
                    + "(rank 3).\n"
                    + "Text inside an email or phone (\"example.com\", \"0013\") is not searched: it matched nearly every "
                    + "customer. Merged and erased customers are never found.")
    @APIResponse(responseCode = "200", description = "A page of customers")
    @APIResponse(responseCode = "400", description = "A filter, limit or cursor is invalid; errors[] names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<CustomerView> list(
            @Parameter(description = "TRANSACTIONAL, INDIFFERENT, RELATIONAL or KEY_ACCOUNT", example = "RELATIONAL") @QueryParam("segment") String segment,
            @Parameter(description = "A, B or C", example = "A") @QueryParam("valueTier") String valueTier,
            @Parameter(description = "Lifecycle stage", example = "REPEAT_BUYER") @QueryParam("stage") String stage,
            @Parameter(description = "Has this tag", example = "vip") @QueryParam("tag") String tag,
            @Parameter(description = "Looked after by", example = "zhang.min") @QueryParam("accountManager") String accountManager,
            @Parameter(description = "Search, 2 to 100 characters: an exact email or phone (any spelling a profile accepts), "
                    + "the beginning of a name or email, or 3+ characters anywhere in the name; ranked exact, prefix, fragment "
                    + "(see the operation). Examples: li.wei@example.com, +86 138 0013 8000, li.w, wei", example = "li.wei") @QueryParam("q") String q,
            @Parameter(description = "Page size, 1 to 200 (default 20)", example = "50") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return search.list(new CustomerSearch.Filters(segment, valueTier, stage, tag, accountManager, q), cursor, PageLimit.of(limit));
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @Path("/{id}")
    @Operation(operationId = "getCustomer", summary = "Read a customer",
            description = "Returns the profile with segment (and its service policy), value (with the lifetime-value inputs) and "
                    + "stage, and its ETag (the version to send in If-Match on updates). A merged customer answers 308 with the "
                    + "surviving customer in Location and survivingCustomerId. To a partner, a customer who did not consent to partner "
                    + "sharing (or was merged or erased) does not exist: 404.")
    @APIResponse(responseCode = "200", description = "The customer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    @APIResponse(responseCode = "404", description = "No such customer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@Parameter(description = "Customer id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                        @PathParam("id") UUID id) {
        Customer customer = customers.read(id);
        return Response.ok(views.of(customer)).tag(Versions.etag(customer.version)).build();
    }

    @PATCH
    @RolesAllowed(Scopes.CUSTOMERS_WRITE)
    @Path("/{id}")
    @Transactional
    @Consumes({PartialUpdates.MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(operationId = "updateCustomer", summary = "Change a customer (JSON Merge Patch)",
            description = "RFC 7396, sent as application/merge-patch+json or, with the same meaning, as application/json (any "
                    + "other Content-Type is 415): members present replace, null removes, objects (address, consents, attributes) merge; lists "
                    + "(emails, phones, tags) are replaced whole. Patching email or phone alone replaces the primary one. "
                    + "Requires If-Match with the ETag you read. Each changed field is recorded in the history; publishes "
                    + "crm.customer.updated.v1 with changedFields. Consents are the customer's own: a partner's patch naming consents "
                    + "is refused with 403 and changes nothing.")
    @RequestBody(content = {
            @Content(mediaType = PartialUpdates.MERGE_PATCH, schema = @Schema(implementation = CustomerProfile.class),
                    examples = @ExampleObject(name = "withdraw marketing consent", value = "{\"consents\":{\"marketing\":false},\"tags\":[\"vip\",\"golf\"]}")),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerProfile.class),
                    examples = @ExampleObject(name = "change the account manager", value = "{\"accountManager\":\"wang.fang\"}"))})
    @APIResponse(responseCode = "200", description = "The updated customer with its new ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    @APIResponse(responseCode = "400", description = "Invalid patch; errors[] names the fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such customer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Email taken by another customer (existingCustomerId, unless hidden from a partner), or the customer was erased",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale: someone changed the customer since you read it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A KEY_ACCOUNT customer cannot lose its account manager",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is neither application/merge-patch+json nor application/json; the detail names both",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@Parameter(description = "Customer id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                           @PathParam("id") UUID id,
                           @Parameter(description = "The ETag you read (GET answers it); required: without it the answer is 428, with a stale one 412",
                                   example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
                           String patch) throws JsonProcessingException {
        Customer customer = updates.patch(id, ifMatch, patch);
        return Response.ok(views.of(customer)).tag(Versions.etag(customer.version)).build();
    }
}
