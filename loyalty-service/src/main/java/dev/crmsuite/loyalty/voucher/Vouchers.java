package dev.crmsuite.loyalty.voucher;

import dev.crmsuite.loyalty.access.PartnerVisibility;
import dev.crmsuite.loyalty.config.LoyaltyConfig;
import dev.crmsuite.loyalty.ledger.LoyaltyEvents;
import dev.crmsuite.loyalty.voucher.VoucherViews.NewVoucher;
import dev.crmsuite.loyalty.voucher.VoucherViews.NewVoucherBatch;
import dev.crmsuite.loyalty.voucher.VoucherViews.RedeemRequest;
import dev.crmsuite.platform.money.InstallationCurrency;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Issues and redeems vouchers. A redemption locks the voucher row, so two tills presenting the same
 * code at the same moment cannot both succeed: the second sees it redeemed (409).
 */
@ApplicationScoped
public class Vouchers {

    /** No 0/O, 1/I/L: codes are read aloud and typed in by hand. */
    private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    LoyaltyConfig config;
    @Inject
    Outbox outbox;
    @Inject
    Clock clock;
    @Inject
    InstallationCurrency currency;
    @Inject
    PartnerVisibility visibility;

    @Transactional(Transactional.TxType.MANDATORY)
    public Voucher issue(NewVoucher request) {
        requireVisibleCustomer(request.customerId());
        Voucher voucher = build(request.kind(), request.value(), request.validFrom(), request.validUntil(), newCode());
        voucher.customerId = request.customerId();
        voucher.persist();
        if (voucher.customerId != null) {
            outbox.append(voucher.customerId.toString(), LoyaltyEvents.VOUCHER_ISSUED, new LoyaltyEvents.VoucherIssued(
                    voucher.customerId, voucher.id, voucher.code, voucher.validUntil, voucher.kind.name(), voucher.value));
        }
        return voucher;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<Voucher> batch(NewVoucherBatch request) {
        if (request.count() > config.vouchers().maxBatchSize()) {
            throw ProblemException.invalid("count", "must be at most " + config.vouchers().maxBatchSize());
        }
        UUID batchId = UUID.randomUUID();
        Set<String> codes = new HashSet<>();
        while (codes.size() < request.count()) {
            codes.add(newCode());
        }
        List<Voucher> out = new ArrayList<>();
        for (String code : codes) {
            Voucher voucher = build(request.kind(), request.value(), request.validFrom(), request.validUntil(), code);
            voucher.batchId = batchId;
            voucher.persist();
            out.add(voucher);
        }
        return out;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Voucher redeem(String code, RedeemRequest request) {
        Voucher voucher = lock(code);
        UUID redeemer = request == null ? null : request.customerId();
        requireVisibleCustomer(redeemer);
        OffsetDateTime now = now();
        switch (voucher.status) {
            case REDEEMED -> throw ProblemException.conflict("voucher-already-redeemed",
                    "voucher " + code + " was already redeemed at " + voucher.redeemedAt).with("redeemedAt", voucher.redeemedAt);
            case CANCELLED -> throw ProblemException.conflict("voucher-cancelled", "voucher " + code + " was cancelled");
            case ISSUED, EXPIRED -> {
                // EXPIRED is never stored; an issued voucher past its dates is refused just below
            }
        }
        if (now.isBefore(voucher.validFrom) || !now.isBefore(voucher.validUntil)) {
            throw ProblemException.unprocessable("voucher-not-valid-now",
                    "voucher " + code + " is valid from " + voucher.validFrom + " until " + voucher.validUntil);
        }
        if (voucher.customerId != null && redeemer == null) {
            throw new ProblemException(422, "voucher-customer-required", "Unprocessable request",
                    "customerId: voucher " + code + " is bound to a customer; customerId is required to redeem it",
                    List.of(new dev.crmsuite.platform.problem.Problem.FieldError("customerId",
                            "is required: the voucher is bound to a customer")));
        }
        if (voucher.customerId != null && !voucher.customerId.equals(redeemer)) {
            throw new ProblemException(422, "voucher-not-yours", "Unprocessable request",
                    "customerId: voucher " + code + " was issued to another customer",
                    List.of(new dev.crmsuite.platform.problem.Problem.FieldError("customerId", "is not the customer the voucher was issued to")));
        }
        voucher.status = Voucher.Status.REDEEMED;
        voucher.redeemedAt = now;
        voucher.redeemedBy = redeemer;
        voucher.orderRef = request == null ? null : request.orderRef();
        if (redeemer != null) {
            outbox.append(redeemer.toString(), LoyaltyEvents.VOUCHER_REDEEMED,
                    new LoyaltyEvents.VoucherRedeemed(redeemer, voucher.id, voucher.code, now));
        }
        return voucher;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Voucher cancel(String code, String reason) {
        Voucher voucher = lock(code);
        if (voucher.status == Voucher.Status.REDEEMED) {
            throw ProblemException.conflict("voucher-already-redeemed", "voucher " + code + " was redeemed and cannot be cancelled");
        }
        if (voucher.status == Voucher.Status.ISSUED) {
            voucher.status = Voucher.Status.CANCELLED;
            voucher.cancelledAt = now();
            voucher.cancelReason = reason;
        }
        return voucher; // cancelling twice is harmless: the outcome is the same
    }

    /** The voucher, or the one answer for an unknown code and for a voucher issued to a customer hidden from the caller. */
    public Voucher find(String code) {
        Voucher voucher = Voucher.find("code", normalise(code)).firstResult();
        return visible(voucher, code);
    }

    private Voucher lock(String code) {
        return visible(Voucher.<Voucher>find("code", normalise(code)).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult(), code);
    }

    private Voucher visible(Voucher voucher, String code) {
        if (voucher == null || visibility.hidden(voucher.customerId)) {
            throw ProblemException.notFound("voucher", code);
        }
        return voucher;
    }

    /**
     * A customer named in a request body must be one the caller may see. For a partner an unknown
     * customer is hidden too, so both get the same answer; staff may still name any customer.
     */
    public void requireVisibleCustomer(UUID customerId) {
        if (visibility.hidden(customerId)) {
            throw PartnerVisibility.unknownCustomer("customerId", customerId);
        }
    }

    /** Whether the caller may see who redeemed the voucher (a batch code redeemed by a customer hidden from a partner: no). */
    public boolean redeemerVisible(Voucher voucher) {
        return !visibility.hidden(voucher.redeemedBy);
    }

    static String normalise(String code) {
        return code == null ? null : code.trim().toUpperCase(java.util.Locale.ROOT);
    }

    private Voucher build(Voucher.Kind kind, BigDecimal value, OffsetDateTime validFrom, OffsetDateTime validUntil, String code) {
        OffsetDateTime now = now();
        OffsetDateTime from = validFrom == null ? now : validFrom.withOffsetSameInstant(ZoneOffset.UTC);
        if (!validUntil.isAfter(from)) {
            throw ProblemException.invalid("validUntil", "must be after validFrom");
        }
        if (kind == Voucher.Kind.PERCENTAGE && value.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw ProblemException.invalid("value", "a percentage must be at most 100");
        }
        if (value.scale() > 2) {
            throw ProblemException.invalid("value", "must have at most two decimals");
        }
        Voucher voucher = new Voucher();
        voucher.id = UUID.randomUUID();
        voucher.code = code;
        voucher.kind = kind;
        voucher.value = value;
        voucher.currency = kind == Voucher.Kind.VALUE ? currency.code() : null;
        voucher.validFrom = from;
        voucher.validUntil = validUntil.withOffsetSameInstant(ZoneOffset.UTC);
        voucher.status = Voucher.Status.ISSUED;
        voucher.createdAt = now;
        return voucher;
    }

    private String newCode() {
        char[] code = new char[config.vouchers().codeLength()];
        for (int i = 0; i < code.length; i++) {
            code[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(code);
    }

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
