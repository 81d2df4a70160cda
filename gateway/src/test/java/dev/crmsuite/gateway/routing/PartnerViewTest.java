package dev.crmsuite.gateway.routing;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** What a partner may see of an answer; the consent look-up is a plain predicate here. */
class PartnerViewTest {

    private static final String A = "11111111-1111-4111-8111-111111111111";
    private static final String B = "22222222-2222-4222-8222-222222222222";
    private static final Predicate<String> ONLY_A = Set.of(A)::contains;

    private static Buffer cut(String json, Predicate<String> shared) {
        return PartnerView.cut(200, "application/json", Buffer.buffer(json), shared);
    }

    @Test
    void a_customer_record_is_judged_by_its_own_consent_not_by_the_gateways_copy() {
        // Just registered by the partner: the gateway has not seen the event yet (its copy says no).
        String consenting = "{\"id\":\"" + B + "\",\"consents\":{\"partnerSharing\":true}}";
        assertThat(cut(consenting, ONLY_A)).isNotNull();
        // Consent withdrawn a moment ago: the record already says so, even if the copy still says yes.
        String withdrawn = "{\"id\":\"" + A + "\",\"consents\":{\"partnerSharing\":false}}";
        assertThat(cut(withdrawn, ONLY_A)).isNull();
    }

    @Test
    void other_resources_are_judged_by_the_consent_of_their_customer() {
        assertThat(cut("{\"id\":\"x\",\"customerId\":\"" + A + "\"}", ONLY_A)).isNotNull();
        assertThat(cut("{\"id\":\"x\",\"customerId\":\"" + B + "\"}", ONLY_A)).isNull();
    }

    @Test
    void lists_keep_only_what_the_partner_may_see() {
        String page = "{\"items\":[{\"customerId\":\"" + A + "\"},{\"customerId\":\"" + B + "\"},"
                + "{\"id\":\"" + B + "\",\"consents\":{\"partnerSharing\":true}}],\"nextCursor\":null}";
        String kept = cut(page, ONLY_A).toString();
        assertThat(kept).contains(A).contains("\"partnerSharing\":true").doesNotContain("{\"customerId\":\"" + B + "\"}");
    }

    @Test
    void money_keeps_its_scale_through_the_cut() {
        // A partner saw "amount":99.0 for a purchase of 99.00 CNY: the cut re-serialised a double.
        String purchase = "{\"id\":\"x\",\"customerId\":\"" + A + "\",\"amount\":99.00,\"refundedAmount\":0.10}";
        assertThat(cut(purchase, ONLY_A).toString()).contains("\"amount\":99.00").contains("\"refundedAmount\":0.10");
        String page = "{\"items\":[{\"customerId\":\"" + A + "\",\"amount\":1234567890.10},{\"customerId\":\"" + B
                + "\",\"amount\":5.00}],\"nextCursor\":null}";
        assertThat(cut(page, ONLY_A).toString()).contains("\"amount\":1234567890.10");
    }

    @Test
    void errors_pass_unchanged() {
        Buffer problem = Buffer.buffer("{\"status\":404,\"customerId\":\"" + B + "\"}");
        assertThat(PartnerView.cut(404, "application/problem+json", problem, ONLY_A)).isSameAs(problem);
    }
}
