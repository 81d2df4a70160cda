package dev.crmsuite.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for creates that partners retry. The first response is stored in the
 * same transaction as the create, so a retry after a timeout returns that response instead of
 * creating twice. The same key with a different body is a client bug: 422.
 */
@ApplicationScoped
public class IdempotentCreates {

    public static final String HEADER = "Idempotency-Key";

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;

    /**
     * Runs {@code create} once per {@code (scope, key)}. {@code scope} separates callers and
     * endpoints (e.g. "customers" or the partner id plus the path). Without a key it just runs.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Response execute(String scope, String key, Object request, Supplier<Response> create) {
        if (key == null) {
            return create.get();
        }
        if (key.isBlank() || key.length() > 255) {
            throw ProblemException.invalid(HEADER, "must be 1 to 255 characters");
        }
        String hash = sha256(write(request));
        int inserted = em.createNativeQuery("""
                        insert into idempotency_record (scope, idem_key, request_hash, created_at)
                        values (?1, ?2, ?3, now()) on conflict do nothing""")
                .setParameter(1, scope).setParameter(2, key).setParameter(3, hash)
                .executeUpdate();
        if (inserted == 0) {
            return replay(scope, key, hash);
        }
        Response response = create.get();
        Object location = response.getHeaders().getFirst("Location");
        em.createNativeQuery("""
                        update idempotency_record set status = ?3, location = ?4, body = ?5
                        where scope = ?1 and idem_key = ?2""")
                .setParameter(1, scope).setParameter(2, key)
                .setParameter(3, response.getStatus())
                .setParameter(4, location == null ? null : location.toString())
                .setParameter(5, response.getEntity() == null ? null : write(response.getEntity()))
                .executeUpdate();
        return response;
    }

    private Response replay(String scope, String key, String hash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select request_hash, status, location, body from idempotency_record
                        where scope = ?1 and idem_key = ?2""")
                .setParameter(1, scope).setParameter(2, key).getResultList();
        Object[] row = rows.getFirst();
        if (!hash.equals(row[0])) {
            throw ProblemException.unprocessable("idempotency-key-reused",
                    "Idempotency-Key " + key + " was already used with a different request body");
        }
        Response.ResponseBuilder replay = Response.status(((Number) row[1]).intValue())
                .header("Idempotent-Replayed", "true");
        if (row[2] != null) {
            replay.header("Location", row[2]);
        }
        if (row[3] != null) {
            replay.entity(row[3]).type(MediaType.APPLICATION_JSON_TYPE);
        }
        return replay.build();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
