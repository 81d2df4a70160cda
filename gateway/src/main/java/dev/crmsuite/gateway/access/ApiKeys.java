package dev.crmsuite.gateway.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.crmsuite.platform.paging.TimeAndId;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.time.SqlTimes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Partner API keys: created, rotated and revoked by admins, stored hashed, looked up when a partner
 * authenticates ({@link ApiKeyIdentities}). Scopes are the closed set of {@link Scopes}, never
 * {@link Scopes#ADMIN}.
 *
 * <p>Lookups are cached in two bounded caches: keys found (so a revoked key stops working on every
 * replica within {@link #CACHE_TIME}) and keys not found (so a client hammering with one bad key
 * costs one query per {@link #CACHE_TIME}); a flood of distinct guesses only evicts earlier
 * guesses, it cannot grow the heap.
 */
@ApplicationScoped
public class ApiKeys {

    /** How long a lookup is believed; also how long a revoked key may still work on another replica. */
    static final Duration CACHE_TIME = Duration.ofSeconds(10);
    private static final int CACHE_SIZE = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    /** The only shape a key is issued in: anything else is refused without a lookup. */
    private static final Pattern KEY_SHAPE = Pattern.compile("crm_[A-Za-z0-9]{10}_[A-Za-z0-9]{40}");

    private final EntityManager em;
    private final Clock clock;
    private final Cache<String, PartnerKey> found = Caffeine.newBuilder()
            .maximumSize(CACHE_SIZE).expireAfterWrite(CACHE_TIME).build();
    private final Cache<String, Boolean> missed = Caffeine.newBuilder()
            .maximumSize(CACHE_SIZE).expireAfterWrite(CACHE_TIME).build();

    public ApiKeys(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** A valid, unrevoked key as authentication sees it; scopes are already effective (never admin). */
    public record PartnerKey(UUID id, String partner, Set<String> scopes, int requestsPerMinute) {
    }

    /** A key as shown to the admin: the secret only once, at creation or rotation. */
    public record IssuedKey(UUID id, String partner, Set<String> scopes, int requestsPerMinute, String apiKey,
                            OffsetDateTime createdAt, OffsetDateTime revokedAt) {
    }

    /**
     * Issues a key. Scopes must be known ({@link Scopes#ALL}) and never {@link Scopes#ADMIN}: a 400
     * names what is wrong, and nothing is stored.
     */
    @Transactional
    public IssuedKey create(String partner, Set<String> scopes, int requestsPerMinute) {
        checkScopes(scopes);
        return insert(partner, scopes, requestsPerMinute);
    }

    static void checkScopes(Set<String> scopes) {
        Set<String> unknown = Scopes.unknown(scopes);
        if (!unknown.isEmpty()) {
            throw ProblemException.invalid("scopes", "unknown scope" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; the scopes are " + String.join(", ", Scopes.GRANTABLE_TO_PARTNERS.stream().sorted().toList()));
        }
        if (scopes.contains(Scopes.ADMIN)) {
            throw ProblemException.invalid("scopes", "admin can never be given to a partner key");
        }
    }

    private IssuedKey insert(String partner, Set<String> scopes, int requestsPerMinute) {
        String prefix = random(10);
        String key = "crm_" + prefix + "_" + random(40);
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock);
        Set<String> ordered = new LinkedHashSet<>(scopes);
        em.createNativeQuery("""
                        insert into api_key (id, prefix, key_hash, partner, scopes, requests_per_minute, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, id).setParameter(2, prefix).setParameter(3, sha256(key))
                .setParameter(4, partner).setParameter(5, String.join(" ", ordered))
                .setParameter(6, requestsPerMinute).setParameter(7, now)
                .executeUpdate();
        return new IssuedKey(id, partner, ordered, requestsPerMinute, key, now, null);
    }

    /**
     * Issues a new secret for the same partner and limit and revokes the old one. Scopes a key
     * holds from before they were a closed set (unknown names, admin) are not carried over.
     */
    @Transactional
    public IssuedKey rotate(UUID id) {
        IssuedKey old = find(id).orElseThrow(() -> ProblemException.notFound("API key", id));
        if (old.revokedAt() != null) {
            throw ProblemException.conflict("api-key-revoked", "API key " + id + " is revoked; create a new one");
        }
        IssuedKey fresh = insert(old.partner(), grantable(old.scopes()), old.requestsPerMinute());
        // Only while it is still live: of rotations (or a revocation) at the same time exactly one wins, and
        // a loser's new key is rolled back with its transaction, so one key never has two live successors.
        int replaced = em.createNativeQuery("update api_key set revoked_at = ?2, replaced_by = ?3 where id = ?1 and revoked_at is null")
                .setParameter(1, id).setParameter(2, OffsetDateTime.now(clock)).setParameter(3, fresh.id())
                .executeUpdate();
        if (replaced == 0) {
            throw ProblemException.conflict("api-key-revoked", "API key " + id + " was revoked or rotated meanwhile; create a new one");
        }
        forget(id);
        return fresh;
    }

    @Transactional
    public void revoke(UUID id) {
        find(id).orElseThrow(() -> ProblemException.notFound("API key", id));
        em.createNativeQuery("update api_key set revoked_at = coalesce(revoked_at, ?2) where id = ?1")
                .setParameter(1, id).setParameter(2, OffsetDateTime.now(clock)).executeUpdate();
        forget(id);
    }

    /** Up to {@code max} keys after the (created_at, id) position {@code after} (null: from the start), oldest first. */
    public List<IssuedKey> list(TimeAndId after, int max) {
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
     * looked up within {@link #CACHE_TIME}), else null. Non-blocking: authentication asks this on the
     * event loop and only goes to a worker thread for a miss.
     */
    Optional<PartnerKey> lookupIfKnown(String presented) {
        if (presented == null || !KEY_SHAPE.matcher(presented).matches()) {
            return Optional.empty();
        }
        String hash = sha256(presented);
        PartnerKey key = found.getIfPresent(hash);
        if (key != null) {
            return Optional.of(key);
        }
        return missed.getIfPresent(hash) != null ? Optional.empty() : null;
    }

    /** The partner key behind a presented key, if it is valid and not revoked. Blocking (may read the database). */
    Optional<PartnerKey> lookup(String presented) {
        Optional<PartnerKey> known = lookupIfKnown(presented);
        if (known != null) {
            return known;
        }
        String hash = sha256(presented);
        String prefix = presented.substring(4, 14);
        Optional<PartnerKey> key = QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                            select id, key_hash, partner, scopes, requests_per_minute from api_key
                            where prefix = ?1 and revoked_at is null""").setParameter(1, prefix).getResultList();
            return rows.stream()
                    .filter(r -> MessageDigest.isEqual(((String) r[1]).getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8)))
                    .findFirst()
                    .map(r -> new PartnerKey((UUID) r[0], (String) r[2],
                            Scopes.effective(grantable(Arrays.asList(((String) r[3]).split(" ")))), ((Number) r[4]).intValue()));
        });
        if (key.isPresent()) {
            found.put(hash, key.get());
        } else {
            missed.put(hash, Boolean.TRUE);
        }
        return key;
    }

    /** Drops this replica's cached lookups of a key that was just revoked. */
    private void forget(UUID id) {
        found.asMap().values().removeIf(k -> k.id().equals(id));
    }

    /** What a partner key may hold of what it names: known scopes, never admin (keys issued before the closed set). */
    private static Set<String> grantable(java.util.Collection<String> scopes) {
        return scopes.stream().filter(Scopes.GRANTABLE_TO_PARTNERS::contains)
                .collect(Collectors.toCollection(LinkedHashSet::new));
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

    /**
     * One digest per thread: the key of every request is hashed on an event loop, and looking the
     * algorithm up in the security providers for each (MessageDigest.getInstance) cost more than the
     * hash itself (2.3% of the gateway's CPU per proxied read, JFR). digest() resets it for the next use.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    static String sha256(String text) {
        return HexFormat.of().formatHex(SHA_256.get().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
