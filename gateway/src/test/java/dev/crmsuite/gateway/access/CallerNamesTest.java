package dev.crmsuite.gateway.access;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure parts of turning a presented credential into a caller: the audit name and the key hash. */
class CallerNamesTest {

    @Test
    void an_audit_name_keeps_letters_digits_and_a_few_marks_and_replaces_the_rest() {
        assertThat(CallerIdentity.actor("Acme Shop 2 <script>\r\n", "partner")).isEqualTo("Acme Shop 2 -script---");
        assertThat(CallerIdentity.actor("李伟 li.wei@acme.cn", "partner")).isEqualTo("李伟 li.wei@acme.cn");
        assertThat(CallerIdentity.actor("  ", "partner")).isEqualTo("partner");
        assertThat(CallerIdentity.actor(null, "partner")).isEqualTo("partner");
        assertThat(CallerIdentity.actor("x".repeat(150), "partner")).hasSize(100);
    }

    @Test
    void a_key_is_stored_as_its_sha256_the_same_on_every_call() {
        // FIPS 180-2 test vector
        assertThat(ApiKeys.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ApiKeys.sha256("abc")).isEqualTo(ApiKeys.sha256("abc"));
        assertThat(ApiKeys.sha256("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
