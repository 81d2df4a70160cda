package dev.crmsuite.customer.insight;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * {@code crm.customer.risk-changed.v1}: a customer's risk level changed (a first assessment that is
 * LOW is not a change). Subject and key: the customer.
 */
public record RiskChanged(UUID customerId, RiskModel.Level level, RiskModel.Level previousLevel, List<String> reasons,
                          OffsetDateTime lastPurchaseAt, Integer recencyDays, Integer usualIntervalDays,
                          OffsetDateTime expectedNextPurchaseAt, int unresolvedComplaints, Integer lastNps,
                          String segment, String valueTier, String accountManager, OffsetDateTime assessedAt) {
    public static final String TYPE = "crm.customer.risk-changed.v1";
}
