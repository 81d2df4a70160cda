package dev.crmsuite.gateway.access;

import dev.crmsuite.platform.time.SqlTimes;

import dev.crmsuite.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import dev.crmsuite.platform.paging.LinkedPages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Partner API keys: created, rotated and revoked by admins, stored hashed, checked on every call. */
@ApplicationScoped
public class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    /** A revoked key stops working on every replica within this time. */
    private static final long CACHE_MILLIS = 10_000;

    @Inject
    EntityManager em;
    @Inject
    Clock clock;

    private record Cached(Optional<Caller> caller, long at) {
    }

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** A key as shown to the admin: the secret only once, at creation or rotation. */
    public record IssuedKey(UUID id, String partner, Set<String> scopes, int requestsPerMinute, String apiKey,
                            OffsetDateTime createdAt, OffsetDateTime revokedAt) {
    }

    @Transactional
    public IssuedKey create(String partner, Set<String> scopes, int requestsPerMinute) {
        String prefix = random(10);
        String key = "crm_" + prefix + "_" + random(40);
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock);
        em.createNativeQuery("""
                        insert into api_key (id, prefix, key_hash, partner, scopes, requests_per_minute, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, id).setParameter(2, prefix).setParameter(3, sha256(key))
                .setParameter(4, partner).setParameter(5, String.join(" ", new LinkedHashSet<>(scopes)))
                .setParameter(6, requestsPerMinute).setParameter(7, now)
                .executeUpdate();
        return new IssuedKey(id, partner, scopes, requestsPerMinute, key, now, null);
    }

    /** Issues a new secret for the same partner and scopes and revokes the old one. */
    @Transactional
    public IssuedKey rotate(UUID id) {
        IssuedKey old = find(id).orElseThrow(() -> ProblemException.notFound("API key", id));
        if (old.revokedAt() != null) {
            throw ProblemException.conflict("api-key-revoked", "API key " + id + " is revoked; create a new one");
        }
        IssuedKey fresh = create(old.partner(), old.scopes(), old.requestsPerMinute());
        em.createNativeQuery("update api_key set revoked_at = ?2, replaced_by = ?3 where id = ?1")
                .setParameter(1, id).setParameter(2, OffsetDateTime.now(clock)).setParameter(3, fresh.id())
                .executeUpdate();
        cache.clear();
        return fresh;
    }

    @Transactional
    public void revoke(UUID id) {
        find(id).orElseThrow(() -> ProblemException.notFound("API key", id));
        em.createNativeQuery("update api_key set revoked_at = coalesce(revoked_at, ?2) where id = ?1")
                .setParameter(1, id).setParameter(2, OffsetDateTime.now(clock)).executeUpdate();
        cache.clear();
    }

    /** Up to {@code max} keys after the (created_at, id) position {@code after} (null: from the start), oldest first. */
    public List<IssuedKey> list(LinkedPages.After after, int max) {
        var query = em.createNativeQuery("""
                        select id, partner, scopes, requests_per_minute, created_at, revoked_at from api_key"""
                        + (after == null ? "" : " where (created_at, id) > (:afterAt, :afterId)") + " order by created_at, id limit :max")
                .setParameter("max", max);
        if (after != null) {
            query.setParameter("afterAt", after.at()).setParameter("afterId", after.id());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(ApiKeys::toKey).toList();
    }

    public Optional<IssuedKey> find(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select id, partner, scopes, requests_per_minute, created_at, revoked_at
                        from api_key where id = ?1""").setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(ApiKeys::toKey);
    }

    /**
     * The answer for a presented key when it is known without the database (a malformed key, or one
     * checked within the cache time), else null. Non-blocking: the gateway asks this on the event
     * loop and only goes to a worker thread for a miss, which keeps a hop off every request.
     */
    Optional<Caller> authenticateIfKnown(String presented) {
        if (presented == null || !presented.startsWith("crm_") || presented.length() > 100) {
            return Optional.empty();
        }
        Cached cached = cache.get(sha256(presented));
        return cached != null && clock.millis() - cached.at() < CACHE_MILLIS ? cached.caller() : null;
    }

    /** The partner behind a presented key, if the key is valid and not revoked. Blocking (may read the DB). */
    public Optional<Caller> authenticate(String presented) {
        Optional<Caller> known = authenticateIfKnown(presented);
        if (known != null) {
            return known;
        }
        String hash = sha256(presented);
        String[] parts = presented.split("_");
        if (parts.length != 3) {
            return Optional.empty();
        }
        Optional<Caller> caller = QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                            select id, key_hash, partner, scopes, requests_per_minute from api_key
                            where prefix = ?1 and revoked_at is null""").setParameter(1, parts[1]).getResultList();
            return rows.stream()
                    .filter(r -> MessageDigest.isEqual(((String) r[1]).getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8)))
                    .findFirst()
                    .map(r -> new Caller("key:" + r[0], Caller.Kind.PARTNER, (String) r[2],
                            Set.copyOf(Arrays.asList(((String) r[3]).split(" "))), ((Number) r[4]).intValue()));
        });
        cache.put(hash, new Cached(caller, clock.millis()));
        return caller;
    }

    private static IssuedKey toKey(Object[] r) {
        return new IssuedKey((UUID) r[0], (String) r[1], new LinkedHashSet<>(Arrays.asList(((String) r[2]).split(" "))),
                ((Number) r[3]).intValue(), null, SqlTimes.utc(r[4]), SqlTimes.utc(r[5]));
    }

    private static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
