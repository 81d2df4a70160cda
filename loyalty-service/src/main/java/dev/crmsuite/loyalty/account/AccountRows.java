package dev.crmsuite.loyalty.account;

import dev.crmsuite.loyalty.tier.Tier;
import dev.crmsuite.platform.sql.JdbcStatement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The accounts of a batch of events, locked and written back with one statement each however
 * many there are: the purchases of one poll cost the same few round trips as one purchase.
 *
 * <p>The accounts it returns are plain objects, not managed by Hibernate: nothing writes them but
 * {@link #writeBack}. Why not entities: Hibernate locks entities one {@code select ... for update}
 * each and writes each changed one with an update of its own. A caller that mixes both flushes and
 * clears the persistence context first, so no managed copy of these rows goes stale.
 */
@ApplicationScoped
public class AccountRows {

    /** A merge chain longer than this is broken data, not a customer (as in {@link Accounts#lockLive}). */
    private static final int MAX_MERGE_HOPS = 10;

    private final EntityManager em;

    public AccountRows(EntityManager em) {
        this.em = em;
    }

    /**
     * The live account each customer id stands for (following merges to the surviving account), all
     * rows locked in id order so two batches never deadlock. Ids without a live account are absent.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<UUID, LoyaltyAccount> lockLive(Collection<UUID> customerIds) {
        Map<UUID, LoyaltyAccount> locked = new HashMap<>();
        Map<UUID, UUID> liveIdOf = new HashMap<>();
        customerIds.forEach(id -> liveIdOf.put(id, id));
        Set<UUID> wanted = new LinkedHashSet<>(customerIds);
        for (int hop = 0; hop <= MAX_MERGE_HOPS && !wanted.isEmpty(); hop++) {
            Set<UUID> next = new LinkedHashSet<>();
            for (LoyaltyAccount account : lock(wanted)) {
                locked.put(account.customerId, account);
                if (account.status == AccountStatus.MERGED && account.mergedInto != null && !locked.containsKey(account.mergedInto)) {
                    next.add(account.mergedInto);
                }
            }
            wanted = next;
        }
        Map<UUID, LoyaltyAccount> live = new HashMap<>();
        for (UUID requested : customerIds) {
            UUID id = requested;
            LoyaltyAccount account = locked.get(id);
            for (int hop = 0; account != null && account.status == AccountStatus.MERGED && account.mergedInto != null; hop++) {
                account = hop < MAX_MERGE_HOPS ? locked.get(account.mergedInto) : null;
            }
            if (account != null) {
                live.put(requested, account);
            }
        }
        return live;
    }

    private List<LoyaltyAccount> lock(Set<UUID> ids) {
        return JdbcStatement.of("""
                        select customer_id, version, status, tier, balance, lifetime_earned, lifetime_redeemed, joined_at,
                               tier_since, tier_review_at, merged_into, closed_at, updated_at
                        from loyalty_account where customer_id = any(cast(?1 as uuid[])) order by customer_id for update""",
                        List.of(JdbcStatement.textArray(ids)))
                .list(em, AccountRows::read);
    }

    private static LoyaltyAccount read(ResultSet row) throws SQLException {
        LoyaltyAccount account = new LoyaltyAccount();
        account.customerId = row.getObject(1, UUID.class);
        account.version = row.getLong(2);
        account.status = AccountStatus.valueOf(row.getString(3));
        account.tier = Tier.valueOf(row.getString(4));
        account.balance = row.getLong(5);
        account.lifetimeEarned = row.getLong(6);
        account.lifetimeRedeemed = row.getLong(7);
        account.joinedAt = row.getObject(8, OffsetDateTime.class);
        account.tierSince = row.getObject(9, OffsetDateTime.class);
        account.tierReviewAt = row.getObject(10, OffsetDateTime.class);
        account.mergedInto = row.getObject(11, UUID.class);
        account.closedAt = row.getObject(12, OffsetDateTime.class);
        account.updatedAt = row.getObject(13, OffsetDateTime.class);
        return account;
    }

    /**
     * Writes what a batch changed on accounts it locked ({@link #lockLive}): balances, lifetime
     * totals and tiers, in one statement, each row's version moved on as Hibernate would.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void writeBack(Collection<LoyaltyAccount> accounts) {
        if (accounts.isEmpty()) {
            return;
        }
        List<String[]> columns = List.of(new String[accounts.size()], new String[accounts.size()], new String[accounts.size()],
                new String[accounts.size()], new String[accounts.size()], new String[accounts.size()], new String[accounts.size()],
                new String[accounts.size()]);
        int i = 0;
        for (LoyaltyAccount a : accounts) {
            Object[] values = {a.customerId, a.balance, a.lifetimeEarned, a.lifetimeRedeemed, a.tier.name(), a.tierSince,
                    a.tierReviewAt, a.updatedAt};
            for (int c = 0; c < values.length; c++) {
                columns.get(c)[i] = String.valueOf(values[c]);
            }
            i++;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    update loyalty_account a
                    set version = a.version + 1, balance = v.balance, lifetime_earned = v.lifetime_earned,
                        lifetime_redeemed = v.lifetime_redeemed, tier = v.tier, tier_since = v.tier_since,
                        tier_review_at = v.tier_review_at, updated_at = v.updated_at
                    from unnest(cast(? as uuid[]), cast(? as bigint[]), cast(? as bigint[]), cast(? as bigint[]),
                                cast(? as text[]), cast(? as timestamptz[]), cast(? as timestamptz[]), cast(? as timestamptz[]))
                         as v(customer_id, balance, lifetime_earned, lifetime_redeemed, tier, tier_since, tier_review_at, updated_at)
                    where a.customer_id = v.customer_id""")) {
                for (int c = 0; c < columns.size(); c++) {
                    update.setArray(c + 1, connection.createArrayOf("text", columns.get(c)));
                }
                int updated = update.executeUpdate();
                if (updated != accounts.size()) {
                    // Locked rows cannot vanish; if they did, the batch must not commit half its effect.
                    throw new IllegalStateException("wrote " + updated + " of " + accounts.size() + " accounts");
                }
            }
        });
    }
}
