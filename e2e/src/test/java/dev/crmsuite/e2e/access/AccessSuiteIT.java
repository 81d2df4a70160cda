package dev.crmsuite.e2e.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.e2e.RunningSuite;
import dev.crmsuite.e2e.contracts.DocumentedAnswers;
import dev.crmsuite.e2e.access.SuiteOperations.Op;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The security suite of issue 15, generated from the gateway's merged OpenAPI document, so a new
 * operation is covered without a new test. Every operation is sent through the gateway by every
 * caller (nobody, a partner key with one scope the operation does not need, a partner key with every
 * scope but admin, a viewer, a member of staff and an admin, the last three with frontend JWTs) in
 * every path spelling (plain, {@code //}, {@code /x/%2e%2e/}, {@code /x/%2E%2E/}, {@code /./}, an
 * encoded slash, a backslash), with path parameters and body references filled from real objects
 * ({@link AccessFixtures}): a customer who shares with partners and one who does not.
 *
 * <p>Asserted: a non-plain spelling is 400 problem+json whoever asks (a raw backslash may instead get
 * Quarkus' own bare 400: it is not a legal URI character, and Quarkus refuses it before any filter);
 * without credentials 401 (but
 * for the operations whose {@code security} is empty); a caller whose scopes hold none of the
 * operation's declared scopes 403 (or 401); a partner 403 on an operation documented as staff only;
 * a partner never gets a 2xx for anything about the hidden customer (path or body), and gets exactly
 * the answer an unknown id gets (status, problem type, title, detail apart from the id); a partner's
 * 2xx answers and cursors never carry the hidden customer's ids; an entitled caller is not refused
 * (no 401, no 403 but a partner's on a staff-only operation, no 5xx, no canonical-path 400). All
 * refused requests run in one phase between two snapshots of the five services' databases, which
 * must be equal: a refused write changes nothing. Every answer, refusals and twins included, is one
 * the merged document lists for its operation: status, media type and body schema ({@link DocumentedAnswers}).
 *
 * <p>Entitled writes are sent with ids that name nothing and an empty body, so they reach the
 * operation (and its validation) without wiping the fixtures the other callers need; the overview
 * rebuild is not sent as an entitled call at all (it would wipe the read model other tests read).
 */
@ExtendWith(RunningSuite.class)
class AccessSuiteIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> READ_SCOPES = Set.of("customers:read", "loyalty:read", "complaints:read", "surveys:read", "campaigns:read");
    static final Set<String> ALL_BUT_ADMIN = Set.of("customers:read", "customers:write", "loyalty:read", "loyalty:write",
            "complaints:read", "complaints:write", "surveys:read", "surveys:write", "campaigns:read", "campaigns:write", "webhooks:manage");
    /** Sent only as refusals: as an entitled call it would wipe the gateway's read model under the other tests. */
    static final Set<String> NOT_SENT_AS_ENTITLED = Set.of("POST /api/v1/admin/overview/rebuild");
    static final int THREADS = 4;
    static final Pattern UUID_SHAPE = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    enum Spelling {
        PLAIN("plain"), DOUBLE_SLASH("//"), DOT_DOT("%2e%2e"), DOT_DOT_UPPER("%2E%2E"), DOT("/./"), ENCODED_SLASH("%2f"), BACKSLASH("\\");

        final String label;

        Spelling(String label) {
            this.label = label;
        }

        /** The path spelt this way; every odd spelling names the same operation to a normalising parser. */
        String apply(String path) {
            String head = "/api/v1";
            String tail = path.substring(head.length());
            int last = path.lastIndexOf('/');
            return switch (this) {
                case PLAIN -> path;
                case DOUBLE_SLASH -> head + "/" + tail;
                case DOT_DOT -> head + "/x/%2e%2e" + tail;
                case DOT_DOT_UPPER -> head + "/x/%2E%2E" + tail;
                case DOT -> head + "/." + tail;
                case ENCODED_SLASH -> path.substring(0, last) + "%2f" + path.substring(last + 1);
                case BACKSLASH -> path.substring(0, last) + "\\" + path.substring(last + 1);
            };
        }
    }

    enum Who {
        NONE, PARTNER_ONE_SCOPE, PARTNER_ALL_SCOPES, VIEWER, STAFF, ADMIN;

        boolean partner() {
            return this == PARTNER_ONE_SCOPE || this == PARTNER_ALL_SCOPES;
        }
    }

    enum Expect { NON_CANONICAL, UNAUTHENTICATED, FORBIDDEN, STAFF_ONLY, HIDDEN, UNKNOWN, ENTITLED }

    record Probe(Op op, Who who, Spelling spelling, String variant, Expect expect, String target, Map<String, String> headers,
                 String body, Integer pair, Map<String, String> masked) {

        String describe() {
            return op.key() + " as " + who + ", " + spelling.label + ", " + variant + " -> " + method() + " " + target;
        }

        String method() {
            return op.method();
        }
    }

    record Result(Probe probe, RawHttp.Answer answer, String error) {
    }

    /** A concrete request for an operation: its path (with query), body and which kinds of values it names. */
    record Concrete(String path, String body, boolean tiedPath, boolean tiedBody) {
    }

    final Random random = new Random(15);
    JsonNode document;
    AccessFixtures fixtures;
    final Map<Who, Map<String, String>> credentials = new EnumMap<>(Who.class);
    String partnerOneKeyCustomers;
    String partnerOneKeyLoyalty;
    final Set<String> unknownKinds = new java.util.TreeSet<>();
    final java.util.concurrent.atomic.AtomicInteger bareBackslashRefusals = new java.util.concurrent.atomic.AtomicInteger();

    @Test
    void no_caller_reaches_what_it_may_not_by_any_operation_or_path_spelling() throws Exception {
        long started = System.nanoTime();
        document = JSON.readTree(RawHttp.send(RunningSuite.gateway(), "GET", "/q/openapi?format=json", Map.of(), null).body());
        List<Op> ops = SuiteOperations.of(document);
        assertThat(ops).as("operations in the gateway's merged document").hasSizeGreaterThan(30);
        fixtures = AccessFixtures.create();
        callers();
        awaitPartnerConsents();
        long setUp = System.nanoTime();

        List<Probe> refusals = new ArrayList<>();
        List<Probe> comparisons = new ArrayList<>();
        List<Probe> entitled = new ArrayList<>();
        int skipped = 0;
        for (Op op : ops) {
            for (Who who : Who.values()) {
                for (Spelling spelling : Spelling.values()) {
                    if (spelling != Spelling.PLAIN) {
                        refusals.add(probe(op, who, spelling, "visible", Expect.NON_CANONICAL, visible(), visible(), true, null, Map.of()));
                    } else if (!plain(op, who, refusals, comparisons, entitled)) {
                        skipped++;
                    }
                }
            }
        }

        // Phase 1: everything that must be refused, between two snapshots of every database.
        DatabaseSnapshot before = DatabaseSnapshot.settled(30, 700);
        long settled = System.nanoTime();
        List<Result> refused = send(refusals);
        DatabaseSnapshot after = DatabaseSnapshot.take();
        Map<String, List<String>> changed = after.changesSince(before);
        // Phase 2: the unknown-id twins of the hidden probes, and what the callers are entitled to.
        List<Result> twins = send(comparisons);
        List<Result> allowed = send(entitled);
        long done = System.nanoTime();

        List<String> findings = new ArrayList<>();
        Map<Integer, Result> byPair = new TreeMap<>();
        twins.forEach(r -> byPair.put(r.probe().pair(), r));
        for (Result r : refused) {
            check(r, byPair, findings);
        }
        for (Result r : allowed) {
            check(r, byPair, findings);
        }
        DocumentedAnswers documented = new DocumentedAnswers(document);
        for (List<Result> results : List.of(refused, twins, allowed)) {
            for (Result r : results) {
                documented(r, documented, findings);
            }
        }
        changed.forEach((table, rows) -> findings.add("a refused request changed " + table + ":\n      " + String.join("\n      ", rows)));

        int sent = refused.size() + twins.size() + allowed.size();
        int combinations = ops.size() * Who.values().length * Spelling.values().length;
        System.out.printf("access suite: %d operations x %d callers x %d spellings = %d combinations, %d exercised (%d not sent as "
                        + "entitled: %s); %d requests (%d refusals between two snapshots of %d rows in %d tables, %d unknown-id twins, "
                        + "%d entitled); set-up %.1f s, settle %.1f s, requests %.1f s; %d findings%n",
                ops.size(), Who.values().length, Spelling.values().length, combinations, combinations - skipped, skipped,
                NOT_SENT_AS_ENTITLED, sent, refused.size(), before.rowCount(), before.rows().size(), twins.size(), allowed.size(),
                (setUp - started) / 1e9, (settled - setUp) / 1e9, (done - settled) / 1e9, findings.size());
        if (!fixtures.gaps.isEmpty() || !unknownKinds.isEmpty()) {
            System.out.printf("access suite: fixtures that could not be created (ids that name nothing used instead): %s; "
                    + "path parameters of no known kind: %s%n", fixtures.gaps, unknownKinds);
        }
        System.out.println("access suite: answers per expectation: " + answers(refused, allowed));
        if (bareBackslashRefusals.get() > 0) {
            System.out.printf("access suite: %d raw-backslash paths refused by Quarkus' URI validation with a bare 400 "
                    + "(no problem+json: the platform filter never sees them)%n", bareBackslashRefusals.get());
        }
        findings.forEach(f -> System.out.println("access suite finding: " + f));
        assertThat(grouped(findings)).as("access findings (operation as caller, spelling, variant -> answer), grouped by what was "
                + "wrong; each one is in the test output").isEmpty();
    }

    // ------------------------------------------------------------------------------ probes

    /** The plain-spelling probes of one operation and caller; false when none is sent. */
    private boolean plain(Op op, Who who, List<Probe> refusals, List<Probe> comparisons, List<Probe> entitled) {
        if (!op.isPublic()) {
            if (who == Who.NONE) {
                refusals.add(probe(op, who, Spelling.PLAIN, "visible", Expect.UNAUTHENTICATED, visible(), visible(), true, null, Map.of()));
                return true;
            }
            if (!entitledByScope(who, op)) {
                refusals.add(probe(op, who, Spelling.PLAIN, "visible", Expect.FORBIDDEN, visible(), visible(), true, null, Map.of()));
                return true;
            }
            if (who.partner() && op.staffOnly()) {
                refusals.add(probe(op, who, Spelling.PLAIN, "visible", Expect.STAFF_ONLY, visible(), visible(), true, null, Map.of()));
                return true;
            }
            if (who == Who.PARTNER_ALL_SCOPES) {
                Concrete shape = concrete(op, visible(), visible(), true);
                if (shape.tiedPath() || shape.tiedBody()) {
                    hiddenAndTwin(op, "hidden customer", hidden(), hidden(), refusals, comparisons);
                    if (shape.tiedPath() && shape.tiedBody()) {
                        hiddenAndTwin(op, "hidden customer named in the body", visible(), hidden(), refusals, comparisons);
                    }
                }
            }
        }
        if (NOT_SENT_AS_ENTITLED.contains(op.key())) {
            return false;
        }
        if (op.write()) {
            // Reaches the operation without acting on a fixture: ids that name nothing, an empty body.
            Function<String, String> nothing = kind -> unknownLike(value(fixtures.visible, kind));
            entitled.add(probe(op, who, Spelling.PLAIN, "ids that name nothing", Expect.ENTITLED, nothing, nothing, false, null, Map.of()));
        } else {
            entitled.add(probe(op, who, Spelling.PLAIN, "visible", Expect.ENTITLED, visible(), visible(), true, null, Map.of()));
            if (who == Who.PARTNER_ALL_SCOPES && op.parameters("query").stream().anyMatch(p -> p.path("name").asText().equals("customerId"))) {
                Probe filtered = probe(op, who, Spelling.PLAIN, "filtered by the hidden customer", Expect.ENTITLED, visible(), visible(), true,
                        null, Map.of());
                String target = filtered.target() + (filtered.target().contains("?") ? "&" : "?") + "customerId=" + fixtures.hidden.get("customer");
                entitled.add(new Probe(op, who, Spelling.PLAIN, filtered.variant(), Expect.ENTITLED, target, filtered.headers(), filtered.body(),
                        null, Map.of()));
            }
        }
        return true;
    }

    /** A partner's probe about the hidden customer, and its twin naming ids that do not exist. */
    private void hiddenAndTwin(Op op, String variant, Function<String, String> path, Function<String, String> body,
                               List<Probe> refusals, List<Probe> comparisons) {
        Map<String, String> unknown = new LinkedHashMap<>();
        Map<String, String> masked = new LinkedHashMap<>();
        for (String kind : AccessFixtures.TIED) {
            String hiddenValue = fixtures.hidden.get(kind);
            if (hiddenValue != null) {
                unknown.put(kind, unknownLike(hiddenValue));
                masked.put(hiddenValue, "{id}");
                masked.put(unknown.get(kind), "{id}");
            }
        }
        Function<String, String> twin = kind -> unknown.getOrDefault(kind, value(fixtures.visible, kind));
        // The body-reference variant keeps the visible customer's path: only the body's ids change.
        Function<String, String> twinPath = path == visible() ? visible() : twin;
        int pair = comparisons.size();
        refusals.add(probe(op, Who.PARTNER_ALL_SCOPES, Spelling.PLAIN, variant, Expect.HIDDEN, path, body, true, pair, masked));
        comparisons.add(probe(op, Who.PARTNER_ALL_SCOPES, Spelling.PLAIN, variant + ", unknown-id twin", Expect.UNKNOWN, twinPath, twin,
                true, pair, masked));
    }

    private Probe probe(Op op, Who who, Spelling spelling, String variant, Expect expect, Function<String, String> pathValues,
                        Function<String, String> bodyValues, boolean plausibleBody, Integer pair, Map<String, String> masked) {
        Concrete c = concrete(op, pathValues, bodyValues, plausibleBody);
        Map<String, String> headers = new LinkedHashMap<>(credentials(who, op));
        for (JsonNode p : op.parameters("header")) {
            String name = p.path("name").asText();
            if (name.equalsIgnoreCase("If-Match")) {
                headers.put(name, "\"0\"");
            } else if (p.path("required").asBoolean(false) && !headers.containsKey(name)) {
                headers.put(name, "access-" + UUID.randomUUID());
            }
        }
        if (c.body() != null) {
            headers.put("Content-Type", op.bodyType());
        }
        int query = c.path().indexOf('?');
        String target = query < 0 ? spelling.apply(c.path()) : spelling.apply(c.path().substring(0, query)) + c.path().substring(query);
        return new Probe(op, who, spelling, variant, expect, target, headers, c.body(), pair, masked);
    }

    /** The operation's path with its parameters filled, required query parameters, and a body. */
    private Concrete concrete(Op op, Function<String, String> pathValues, Function<String, String> bodyValues, boolean plausibleBody) {
        StringBuilder path = new StringBuilder();
        boolean tiedPath = false;
        String previous = "";
        for (String segment : op.template().substring(1).split("/")) {
            path.append('/');
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String kind = kindOfPathParameter(previous, segment.substring(1, segment.length() - 1));
                tiedPath |= AccessFixtures.TIED.contains(kind);
                path.append(encodeSegment(pathValues.apply(kind)));
            } else {
                path.append(segment);
            }
            previous = segment;
        }
        String sep = "?";
        for (JsonNode p : op.parameters("query")) {
            if (p.path("required").asBoolean(false)) {
                JsonNode value = SuiteOperations.example(document, p.path("schema"), 0);
                if (p.has("example")) {
                    value = p.get("example");
                }
                path.append(sep).append(p.path("name").asText()).append('=').append(encodeSegment(value.asText()));
                sep = "&";
            }
        }
        String body = null;
        boolean tiedBody = false;
        if (op.bodyType() != null) {
            if (plausibleBody) {
                JsonNode schema = op.node().path("requestBody").path("content").path(op.bodyType()).path("schema");
                JsonNode example = SuiteOperations.example(document, schema, 0);
                if (example instanceof ObjectNode object) {
                    for (String field : new ArrayList<>(iterable(object.fieldNames()))) {
                        String kind = kindOfBodyField(field);
                        if (kind != null) {
                            object.put(field, bodyValues.apply(kind));
                            tiedBody |= AccessFixtures.TIED.contains(kind);
                        }
                    }
                }
                body = example.toString();
            } else {
                body = "{}";
            }
        }
        return new Concrete(path.toString(), body, tiedPath, tiedBody);
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }

    /** What a path parameter names, from the literal segment before it. */
    private String kindOfPathParameter(String previous, String name) {
        String kind = switch (previous) {
            case "customers", "accounts" -> "customer";
            case "purchases" -> "purchase";
            case "follow-ups" -> "followUp";
            case "complaints" -> "complaint";
            case "redemptions" -> "redemption";
            case "vouchers" -> "voucher";
            case "survey-invitations" -> "token";
            case "touchpoints" -> "touchpoint";
            case "tags" -> "tag";
            case "surveys" -> "survey";
            case "versions" -> "surveyVersion";
            case "rules" -> "ruleVersion";
            case "rewards" -> "reward";
            case "webhooks" -> "webhook";
            case "api-keys" -> "apiKey";
            case "audiences" -> "audience";
            case "campaigns" -> "campaign";
            case "campaign-deliveries" -> "delivery";
            case "campaign-invitations" -> "campaignToken";
            default -> null;
        };
        if (kind == null) {
            unknownKinds.add(previous + "/{" + name + "}");
            return "unknown";
        }
        return kind;
    }

    /** What an id in a request body names, from its field name (customerId, referredCustomerId, targetCustomerId, ...). */
    private static String kindOfBodyField(String field) {
        String f = field.toLowerCase(java.util.Locale.ROOT);
        if (f.endsWith("customerid")) {
            return "customer";
        }
        return switch (f) {
            case "complaintid" -> "complaint";
            case "purchaseid" -> "purchase";
            case "followupid" -> "followUp";
            case "redemptionid" -> "redemption";
            case "surveyid" -> "survey";
            case "rewardid" -> "reward";
            default -> null;
        };
    }

    private Function<String, String> visible() {
        return visibleValues;
    }

    private Function<String, String> hidden() {
        return hiddenValues;
    }

    private final Function<String, String> visibleValues = kind -> value(fixtures.visible, kind);
    private final Function<String, String> hiddenValues = kind -> value(fixtures.hidden, kind);

    private String value(Map<String, String> side, String kind) {
        String v = side.getOrDefault(kind, fixtures.shared.get(kind));
        return v == null ? UUID.randomUUID().toString() : v;
    }

    /** A value shaped like {@code real} that names nothing: a fresh UUID, or the same length and character classes. */
    private String unknownLike(String real) {
        if (UUID_SHAPE.matcher(real).matches()) {
            return UUID.randomUUID().toString();
        }
        StringBuilder s = new StringBuilder();
        for (char c : real.toCharArray()) {
            if (Character.isDigit(c)) {
                s.append((char) ('0' + random.nextInt(10)));
            } else if (c >= 'a' && c <= 'z') {
                s.append((char) ('a' + random.nextInt(26)));
            } else if (c >= 'A' && c <= 'Z') {
                s.append((char) ('A' + random.nextInt(26)));
            } else {
                s.append(c);
            }
        }
        return s.toString().equals(real) ? real + "0" : s.toString();
    }

    private static String encodeSegment(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ------------------------------------------------------------------------------ callers

    private void callers() {
        credentials.put(Who.NONE, Map.of());
        partnerOneKeyCustomers = issueKey("Access suite one scope (customers)", List.of("customers:read"));
        partnerOneKeyLoyalty = issueKey("Access suite one scope (loyalty)", List.of("loyalty:read"));
        credentials.put(Who.PARTNER_ALL_SCOPES, Map.of("X-API-Key", issueKey("Access suite every scope", List.copyOf(ALL_BUT_ADMIN))));
        credentials.put(Who.VIEWER, Map.of("Authorization", JwtKeys.bearer("access-viewer", "viewer")));
        credentials.put(Who.STAFF, Map.of("Authorization", JwtKeys.bearer("access-staff", "staff")));
        credentials.put(Who.ADMIN, Map.of("Authorization", JwtKeys.bearer("access-admin", "admin")));
    }

    /** The one-scope partner holds a scope the operation does not declare, so it is always refused (public operations aside). */
    private Map<String, String> credentials(Who who, Op op) {
        if (who == Who.PARTNER_ONE_SCOPE) {
            return Map.of("X-API-Key", op.scopes().contains("customers:read") ? partnerOneKeyLoyalty : partnerOneKeyCustomers);
        }
        return credentials.get(who);
    }

    private static Set<String> scopesOf(Who who, Op op) {
        return switch (who) {
            case NONE -> Set.of();
            case PARTNER_ONE_SCOPE -> Set.of(op.scopes().contains("customers:read") ? "loyalty:read" : "customers:read");
            case PARTNER_ALL_SCOPES, STAFF -> ALL_BUT_ADMIN;
            case VIEWER -> READ_SCOPES;
            case ADMIN -> Set.of("admin");
        };
    }

    /** RolesAllowed semantics: any one of the declared scopes admits; admin implies every scope. */
    static boolean entitledByScope(Who who, Op op) {
        Set<String> held = scopesOf(who, op);
        if (who == Who.NONE) {
            return op.isPublic();
        }
        return op.isPublic() || op.scopes().isEmpty() || held.contains("admin") || op.scopes().stream().anyMatch(held::contains);
    }

    private String issueKey(String partner, List<String> scopes) {
        var issued = fixtures.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("partner", partner, "scopes", scopes, "requestsPerMinute", 60_000))
                .post("/api/v1/admin/api-keys").then().statusCode(201).extract();
        return issued.path("apiKey");
    }

    /** Each service learns consents from crm.customers: the partner sees the consenting customer everywhere first. */
    private void awaitPartnerConsents() {
        Map<String, String> partner = credentials.get(Who.PARTNER_ALL_SCOPES);
        for (String path : List.of("/api/v1/customers/" + fixtures.visible.get("customer"),
                "/api/v1/loyalty/accounts/" + fixtures.visible.get("customer"),
                "/api/v1/complaints/" + fixtures.visible.get("complaint"))) {
            try {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                        RawHttp.send(RunningSuite.gateway(), "GET", path, partner, null).status() == 200);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                fixtures.gaps.add("the partner never saw the consenting customer at " + path);
            }
        }
    }

    // ------------------------------------------------------------------------------ sending

    /**
     * Sends the probes, {@link #THREADS} operations at a time; one operation's probes one after the
     * other, so two callers never run the same operation at the same moment (what is tested is who
     * may call it, not how it copes with itself running twice).
     */
    private List<Result> send(List<Probe> probes) throws InterruptedException {
        Map<String, List<Probe>> byOperation = new LinkedHashMap<>();
        probes.forEach(p -> byOperation.computeIfAbsent(p.op().key(), k -> new ArrayList<>()).add(p));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Callable<List<Result>>> calls = new ArrayList<>();
            for (List<Probe> operation : byOperation.values()) {
                calls.add(() -> operation.stream().map(AccessSuiteIT::sendOne).toList());
            }
            List<Result> results = new ArrayList<>();
            for (Future<List<Result>> f : pool.invokeAll(calls)) {
                try {
                    results.addAll(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Result sendOne(Probe p) {
        try {
            RawHttp.Answer answer = null;
            for (int attempt = 0; attempt < 4; attempt++) {
                answer = RawHttp.send(RunningSuite.gateway(), p.method(), p.target(), p.headers(), p.body());
                if (answer.status() != 429) {
                    break;
                }
                // Not what is tested here: wait as told (bounded) and try again; a lasting 429 is reported.
                long wait = Math.min(3, Long.parseLong(java.util.Objects.requireNonNullElse(answer.header("retry-after"), "1")));
                Thread.sleep(wait * 1000);
            }
            return new Result(p, answer, null);
        } catch (IOException e) {
            return new Result(p, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(p, null, "interrupted");
        }
    }

    // ------------------------------------------------------------------------------ checks

    private void check(Result r, Map<Integer, Result> twins, List<String> findings) {
        Probe p = r.probe();
        if (r.answer() == null) {
            findings.add(p.describe() + ": no answer: " + r.error());
            return;
        }
        RawHttp.Answer a = r.answer();
        String got = a.status() + " " + a.contentType() + " " + AccessFixtures.abbreviate(a.body());
        switch (p.expect()) {
            case NON_CANONICAL -> {
                if (p.spelling() == Spelling.BACKSLASH && a.status() == 400 && a.body().isEmpty() && a.contentType().isEmpty()) {
                    // A raw backslash is not a legal URI character: Quarkus' root handler refuses it (bare
                    // 400, before any filter) unless -Dvertx.disableURIValidation=true. Refused all the
                    // same, before routing and authentication; counted and printed, not a finding.
                    bareBackslashRefusals.incrementAndGet();
                } else if (a.status() != 400 || !a.isProblem()) {
                    findings.add(p.describe() + ": expected 400 problem+json for a non-canonical path, got " + got);
                }
            }
            case UNAUTHENTICATED -> {
                if (a.status() != 401 || !a.isProblem()) {
                    findings.add(p.describe() + ": expected 401 problem+json without credentials, got " + got);
                }
            }
            case FORBIDDEN -> {
                if ((a.status() != 403 && a.status() != 401) || !a.isProblem()) {
                    findings.add(p.describe() + ": expected 403 problem+json (the caller holds none of " + p.op().scopes() + "), got " + got);
                }
            }
            case STAFF_ONLY -> {
                if (a.status() != 403 || !a.isProblem()) {
                    findings.add(p.describe() + ": expected 403 problem+json (documented as staff only), got " + got);
                }
            }
            case HIDDEN -> {
                if (a.ok() || !a.isProblem()) {
                    findings.add(p.describe() + ": a partner got " + got + " about the hidden customer (expected the answer to an unknown id)");
                }
                Result twin = twins.get(p.pair());
                if (twin != null && twin.answer() != null) {
                    String difference = difference(a, twin.answer(), p.masked());
                    if (difference != null) {
                        findings.add(p.describe() + ": the hidden customer's answer differs from an unknown id's (" + twin.probe().target()
                                + "): " + difference);
                    }
                }
            }
            case UNKNOWN -> {
            }
            case ENTITLED -> {
                boolean partnerRefusal = p.who().partner() && a.status() == 403;
                if (a.status() == 401 || (a.status() == 403 && !partnerRefusal) || a.status() >= 500) {
                    findings.add(p.describe() + ": an entitled caller got " + got);
                } else if (a.status() >= 400 && !a.isProblem()) {
                    findings.add(p.describe() + ": a 4xx that is not problem+json: " + got);
                } else if (a.status() == 400 && a.body().contains("non-canonical-path")) {
                    findings.add(p.describe() + ": the plain spelling was refused as non-canonical: " + got);
                }
                if (p.who().partner() && a.ok()) {
                    // A list filtered by the hidden customer may echo the filter in its links; its items may not name it.
                    String answer = p.variant().startsWith("filtered") ? parse(a.body()).path("items").toString() : a.body();
                    String leaked = leakedHiddenValue(answer);
                    if (leaked != null) {
                        findings.add(p.describe() + ": a partner's " + a.status() + " answer carries " + leaked + ": "
                                + AccessFixtures.abbreviate(a.body()));
                    }
                }
            }
        }
    }

    /** How often each status answered each expectation, e.g. {@code FORBIDDEN=[403 x 420, 401 x 2]}. */
    private static Map<Expect, String> answers(List<Result> refused, List<Result> allowed) {
        Map<Expect, Map<String, Integer>> counts = new EnumMap<>(Expect.class);
        for (List<Result> results : List.of(refused, allowed)) {
            for (Result r : results) {
                counts.computeIfAbsent(r.probe().expect(), e -> new TreeMap<>())
                        .merge(r.answer() == null ? "none" : Integer.toString(r.answer().status()), 1, Integer::sum);
            }
        }
        Map<Expect, String> summary = new EnumMap<>(Expect.class);
        counts.forEach((expect, byStatus) -> {
            List<String> parts = new ArrayList<>();
            byStatus.forEach((status, n) -> parts.add(status + " x " + n));
            summary.put(expect, String.join(", ", parts));
        });
        return summary;
    }

    /**
     * The findings with the same fault (what was expected and what came, the operation and caller
     * left out) as one line with a count and an example, so a platform-wide fault reads as one.
     */
    /** Every answer, refusals included, is one the merged document lists for its operation (partners' clients read them). */
    private static void documented(Result r, DocumentedAnswers documented, List<String> findings) {
        if (r.answer() == null) {
            return;
        }
        Probe p = r.probe();
        RawHttp.Answer a = r.answer();
        for (String problem : documented.check(p.method(), p.op().template(), a.status(), a.contentType(), a.body())) {
            findings.add(p.describe() + ": an answer " + p.op().key() + " does not document: " + problem);
        }
    }

    private static List<String> grouped(List<String> findings) {
        Map<String, List<String>> byFault = new LinkedHashMap<>();
        Pattern shape = Pattern.compile("^(.*?) as [A-Z_]+, (.*?) -> [A-Z]+ \\S+: (.*)$", Pattern.DOTALL);
        for (String f : findings) {
            Matcher m = shape.matcher(f);
            String fault = m.matches() ? m.group(3).replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{id}") : f;
            fault = fault.length() > 240 ? fault.substring(0, 240) : fault;
            byFault.computeIfAbsent(fault, k -> new ArrayList<>()).add(f);
        }
        List<String> lines = new ArrayList<>();
        byFault.forEach((fault, examples) -> lines.add(examples.size() + " x " + fault + "\n      e.g. "
                + AccessFixtures.abbreviate(examples.getFirst())));
        return lines;
    }

    /** Null when both answers are the same apart from the ids, else what differs. */
    private static String difference(RawHttp.Answer hidden, RawHttp.Answer unknown, Map<String, String> masked) {
        if (hidden.status() != unknown.status()) {
            return "status " + hidden.status() + " vs " + unknown.status() + " (" + AccessFixtures.abbreviate(hidden.body()) + " vs "
                    + AccessFixtures.abbreviate(unknown.body()) + ")";
        }
        JsonNode h = parse(hidden.body());
        JsonNode u = parse(unknown.body());
        for (String field : List.of("type", "title", "detail", "status")) {
            String hv = mask(h.path(field).asText(""), masked);
            String uv = mask(u.path(field).asText(""), masked);
            if (!hv.equals(uv)) {
                return field + " \"" + hv + "\" vs \"" + uv + "\"";
            }
        }
        String he = mask(h.path("errors").toString(), masked);
        String ue = mask(u.path("errors").toString(), masked);
        return he.equals(ue) ? null : "errors " + he + " vs " + ue;
    }

    private static String mask(String text, Map<String, String> masked) {
        for (Map.Entry<String, String> m : masked.entrySet()) {
            text = text.replace(m.getKey(), m.getValue());
        }
        return text;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body.isEmpty() ? "{}" : body);
        } catch (IOException notJson) {
            return JSON.createObjectNode();
        }
    }

    /**
     * The hidden customer's ids and token (and the admin's webhook) in a partner's answer, including
     * inside its cursors (base64url, possibly percent-encoded in links), or null.
     */
    private String leakedHiddenValue(String body) {
        Set<String> secrets = new LinkedHashSet<>();
        for (String kind : AccessFixtures.TIED) {
            String v = fixtures.hidden.get(kind);
            if (v != null && v.length() >= 8) {
                secrets.add(v.toLowerCase(java.util.Locale.ROOT));
            }
        }
        secrets.add(fixtures.shared.get("webhook"));
        StringBuilder text = new StringBuilder(body.toLowerCase(java.util.Locale.ROOT));
        Matcher cursors = Pattern.compile("(?:cursor[\"']?\\s*[:=]\\s*\"?|cursor=)([A-Za-z0-9_%=.-]{8,})").matcher(body);
        while (cursors.find()) {
            try {
                String raw = URLDecoder.decode(cursors.group(1), StandardCharsets.UTF_8);
                text.append('\n').append(new String(Base64.getUrlDecoder().decode(raw.replace("=", "")), StandardCharsets.UTF_8)
                        .toLowerCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException notBase64) {
                // an opaque cursor of another shape: its raw text is checked above
            }
        }
        for (String secret : secrets) {
            if (secret != null && text.indexOf(secret.toLowerCase(java.util.Locale.ROOT)) >= 0) {
                return "the hidden value " + secret;
            }
        }
        return null;
    }
}
