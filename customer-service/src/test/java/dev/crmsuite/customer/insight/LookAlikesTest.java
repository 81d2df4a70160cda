package dev.crmsuite.customer.insight;

import dev.crmsuite.customer.insight.LookAlikes.Contact;
import dev.crmsuite.customer.insight.LookAlikes.Match;
import dev.crmsuite.customer.insight.LookAlikes.MatchingField;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The look-alike rule on hand-computed examples (default weights: phone 0.6, mailbox 0.6, local part 0.3, domain 0.1, name 0.4 x similarity from 0.5, address 0.3; candidate from 0.5). */
class LookAlikesTest {

    static Contact contact(String name, List<String> emails, List<String> phones, String line1, String postalCode) {
        return new Contact(UUID.randomUUID(), name, emails, phones, line1, postalCode);
    }

    static Optional<Match> compare(Contact a, Contact b) {
        return LookAlikes.compare(a, b, LookAlikes.Weights.DEFAULT);
    }

    @Test
    void trigram_similarity_is_pg_trgm_s() {
        // "word" -> "  w", " wo", "wor", "ord", "rd "
        assertThat(Trigrams.of("Word")).containsExactlyInAnyOrder("  w", " wo", "wor", "ord", "rd ");
        // wang fang: 8 distinct trigrams (ang, ng  shared by both words); wang fan: the same 8 plus "an " = 9; 8 shared -> 8 / 9
        assertThat(Trigrams.similarity("Wang Fang", "Wang Fan")).isCloseTo(8.0 / 9, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Trigrams.similarity("Li Wei", "wei, LI")).isEqualTo(1.0);
        assertThat(Trigrams.similarity("Li Wei", "Zhang Min")).isZero();
        assertThat(Trigrams.similarity("", "Li")).isZero();
    }

    @Test
    void the_same_phone_alone_is_a_candidate() {
        Optional<Match> m = compare(contact("Li Wei", List.of("li.wei@example.com"), List.of("+8613800138000"), null, null),
                contact("Zhang Min", List.of("zm@example.com"), List.of("+8613900000000", "+8613800138000"), null, null));
        assertThat(m).isPresent();
        assertThat(m.get().score()).isEqualByComparingTo("0.600");
        assertThat(m.get().matches()).containsExactly(new MatchingField("phone", "+8613800138000"));
    }

    @Test
    void gmail_dots_and_plus_tags_reach_the_same_mailbox() {
        assertThat(LookAlikes.canonicalEmail("Li.Wei+shop@googlemail.com")).isEqualTo("liwei@gmail.com");
        assertThat(LookAlikes.canonicalEmail("li.wei+shop@outlook.com")).isEqualTo("li.wei@outlook.com");
        assertThat(LookAlikes.canonicalEmail("li.wei+shop@acme.cn")).isEqualTo("li.wei+shop@acme.cn");
        Optional<Match> m = compare(contact("Li Wei", List.of("li.wei+shop@gmail.com"), List.of(), null, null),
                contact("Zhang Min", List.of("liwei@gmail.com"), List.of(), null, null));
        assertThat(m.get().score()).isEqualByComparingTo("0.600");
        assertThat(m.get().matches()).containsExactly(new MatchingField("email", "li.wei+shop@gmail.com ~ liwei@gmail.com"));
    }

    @Test
    void a_similar_name_alone_is_not_enough() {
        // 0.4 x 8/9 = 0.356 < 0.5; example.com is a shared domain and adds nothing
        assertThat(compare(contact("Wang Fang", List.of("wf@example.com"), List.of(), null, null),
                contact("Wang Fan", List.of("w.fan@example.com"), List.of(), null, null))).isEmpty();
    }

    @Test
    void a_similar_name_at_the_same_address_is() {
        // 0.4 x 8/9 = 0.3556 + 0.3 = 0.6556 -> 0.656; the address ignores case and punctuation
        Optional<Match> m = compare(contact("Wang Fang", List.of(), List.of(), "88 Century Avenue", "200120"),
                contact("Wang Fan", List.of(), List.of(), "88, century  avenue", "200 120"));
        assertThat(m.get().score()).isEqualByComparingTo("0.656");
        assertThat(m.get().matches()).containsExactly(new MatchingField("name", "similarity 0.889"),
                new MatchingField("address", "88 century avenue, 200120"));
    }

    @Test
    void the_same_name_at_a_company_domain_is_a_candidate_but_not_at_a_free_mail_domain() {
        // 0.1 + 0.4 x 1 = 0.5
        Optional<Match> company = compare(contact("Li Wei", List.of("li.wei@acme.cn"), List.of(), null, null),
                contact("Li Wei", List.of("wei.li@acme.cn"), List.of(), null, null));
        assertThat(company.get().score()).isEqualByComparingTo("0.500");
        assertThat(company.get().matches()).extracting(MatchingField::field).containsExactly("emailDomain", "name");
        assertThat(compare(contact("Li Wei", List.of("li.wei@qq.com"), List.of(), null, null),
                contact("Li Wei", List.of("wei.li@qq.com"), List.of(), null, null))).isEmpty();
    }

    @Test
    void a_look_up_by_name_is_needed_only_where_a_name_can_make_a_candidate_without_other_evidence() {
        // 0.4 + 0.1 at a company domain reaches 0.5; at free mail (or none) a name needs a phone, mailbox,
        // local part or address, each of which the check finds by its own look-up
        assertThat(LookAlikes.nameAloneCanQualify(contact("Li Wei", List.of("li.wei@acme.cn"), List.of(), null, null),
                LookAlikes.Weights.DEFAULT)).isTrue();
        assertThat(LookAlikes.nameAloneCanQualify(contact("Li Wei", List.of("li.wei@gmail.com", "lw@example.com"), List.of("+8613800138000"),
                "1 Road", "100000"), LookAlikes.Weights.DEFAULT)).isFalse();
        assertThat(LookAlikes.nameAloneCanQualify(contact("Li Wei", List.of(), List.of(), null, null), LookAlikes.Weights.DEFAULT)).isFalse();
        // weights where a name alone is enough
        LookAlikes.Weights nameHeavy = new LookAlikes.Weights(0.6, 0.6, 0.3, 0.1, 0.5, 0.5, 0.3, 0.5);
        assertThat(LookAlikes.nameAloneCanQualify(contact("Li Wei", List.of("li.wei@gmail.com"), List.of(), null, null), nameHeavy)).isTrue();
    }

    @Test
    void the_same_local_part_elsewhere_counts_but_role_mailboxes_do_not() {
        // 0.3 + 0.4 = 0.7
        assertThat(compare(contact("Li Wei", List.of("li.wei@acme.cn"), List.of(), null, null),
                contact("Li Wei", List.of("li.wei@other.cn"), List.of(), null, null)).get().score()).isEqualByComparingTo("0.700");
        assertThat(compare(contact("Acme", List.of("info@acme.cn"), List.of(), null, null),
                contact("Other", List.of("info@other.cn"), List.of(), null, null))).isEmpty();
    }

    @Test
    void the_score_is_capped_at_one() {
        Optional<Match> m = compare(contact("Li Wei", List.of("li.wei@acme.cn"), List.of("+8613800138000"), "1 Road", "100000"),
                contact("Li Wei", List.of("LI.WEI@acme.cn"), List.of("+8613800138000"), "1 road", "100000"));
        assertThat(m.get().score()).isEqualByComparingTo("1.000");
        assertThat(m.get().matches()).extracting(MatchingField::field).containsExactly("phone", "email", "name", "address");
    }
}
