package dev.crmsuite.gateway.webhook;

import dev.crmsuite.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookTargetsTest {

    @Test
    void refuses_internal_addresses_unless_allowed() {
        for (String url : new String[] {"https://127.0.0.1/hook", "https://localhost/hook", "https://10.1.2.3/x",
                "https://192.168.0.10/x", "https://172.16.5.4/x", "https://169.254.169.254/latest/meta-data",
                "https://[::1]/x", "https://[fd00::1]/x", "https://0.0.0.0/x", "https://100.64.0.1/x"}) {
            assertThatThrownBy(() -> WebhookTargets.check(url, false, false)).as(url)
                    .isInstanceOf(ProblemException.class).hasMessageContaining("private");
        }
        assertThat(WebhookTargets.check("https://127.0.0.1/hook", true, false).getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void refuses_other_schemes_and_credentials_in_the_url() {
        assertThatThrownBy(() -> WebhookTargets.check("http://93.184.216.34/x", false, false)).hasMessageContaining("https");
        assertThatThrownBy(() -> WebhookTargets.check("file:///etc/passwd", true, true)).hasMessageContaining("https");
        assertThatThrownBy(() -> WebhookTargets.check("ftp://example.com/x", true, true)).hasMessageContaining("https");
        assertThatThrownBy(() -> WebhookTargets.check("https://user:pw@93.184.216.34/x", false, false)).hasMessageContaining("credentials");
        assertThat(WebhookTargets.check("https://93.184.216.34/x", false, false).getHost()).isEqualTo("93.184.216.34");
    }

    @Test
    void the_signature_covers_id_timestamp_and_body() {
        String a = WebhookSignature.sign("whsec_1", "d1", 1700000000L, "{\"a\":1}");
        assertThat(a).startsWith("v1=").hasSize(3 + 64);
        assertThat(WebhookSignature.sign("whsec_1", "d1", 1700000000L, "{\"a\":2}")).isNotEqualTo(a);
        assertThat(WebhookSignature.sign("whsec_1", "d1", 1700000001L, "{\"a\":1}")).isNotEqualTo(a);
        assertThat(WebhookSignature.sign("whsec_2", "d1", 1700000000L, "{\"a\":1}")).isNotEqualTo(a);
    }
}
