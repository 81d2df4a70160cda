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
                "https://[::1]/x", "https://[fd00::1]/x", "https://0.0.0.0/x", "https://100.64.0.1/x",
                // other spellings of loopback and of the metadata address, and addresses that are not public
                "https://2130706433/x", "https://LOCALHOST/x", "https://[::ffff:127.0.0.1]/x", "https://[0:0:0:0:0:ffff:7f00:1]/x",
                "https://[::ffff:a9fe:a9fe]/x", "https://[::127.0.0.1]/x", "https://[64:ff9b::a9fe:a9fe]/x", "https://[64:ff9b:1::1]/x",
                "https://[2002:7f00:1::1]/x", "https://[2002:c0a8:1::1]/x", "https://[2001:0:4136:e378::1]/x",
                "https://[100::1]/x", "https://[fe80::1]/x", "https://[fec0::1]/x", "https://[ff02::1]/x",
                "https://255.255.255.255/x", "https://240.0.0.1/x", "https://224.0.0.1/x", "https://198.18.0.1/x",
                "https://192.0.0.8/x",
                "https://172.31.255.255/x", "https://100.127.0.1/x"}) {
            assertThatThrownBy(() -> WebhookTargets.check(url, false, false)).as(url)
                    .isInstanceOf(ProblemException.class).hasMessageContaining("private");
        }
        assertThat(WebhookTargets.check("https://127.0.0.1/hook", true, false).getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void public_addresses_next_to_the_refused_ranges_are_accepted() {
        for (String url : new String[] {"https://93.184.216.34/x", "https://172.32.0.1/x", "https://100.128.0.1/x", "https://198.20.0.1/x",
                "https://192.0.1.1/x", "https://223.255.255.254/x", "https://[2606:4700::1111]/x", "https://[64:ff9b::5db8:d822]/x",
                "https://[2002:5db8:d822::1]/x",
                // the documentation nets reach nothing, and tests use them as public addresses without DNS
                "https://192.0.2.10/x", "https://198.51.100.7/x", "https://203.0.113.9/x", "https://[2001:db8::1]/x"}) {
            assertThat(WebhookTargets.check(url, false, false)).as(url).isNotNull();
        }
    }

    @Test
    void a_target_is_pinned_to_the_address_its_host_was_checked_at() throws Exception {
        java.net.InetAddress publicAddress = java.net.InetAddress.getByName("93.184.216.34");
        java.net.InetAddress metadata = java.net.InetAddress.getByName("169.254.169.254");
        // A rebinding name: public when asked first, the metadata address after.
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        WebhookTargets.Resolver rebinding = host -> new java.net.InetAddress[] {asked.getAndIncrement() == 0 ? publicAddress : metadata};

        WebhookTargets.Target target = WebhookTargets.resolve("https://hooks.partner.example/in", false, false, rebinding);

        assertThat(target.address()).isEqualTo(publicAddress);
        assertThat(target.uri().getHost()).isEqualTo("hooks.partner.example");
        assertThat(asked).as("resolved once: the delivery connects to what was checked").hasValue(1);
        // Asked again (the next delivery), the new answer is checked, and refused.
        assertThatThrownBy(() -> WebhookTargets.resolve("https://hooks.partner.example/in", false, false, rebinding))
                .isInstanceOf(ProblemException.class).hasMessageContaining("private");
        // One internal address among public ones is enough to refuse; no answer at all is refused too.
        assertThatThrownBy(() -> WebhookTargets.resolve("https://mixed.example/in", false, false,
                host -> new java.net.InetAddress[] {publicAddress, metadata})).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> WebhookTargets.resolve("https://empty.example/in", false, false,
                host -> new java.net.InetAddress[0])).isInstanceOf(ProblemException.class).hasMessageContaining("does not resolve");
        // Private targets allowed (local development): nothing resolved, nothing pinned.
        assertThat(WebhookTargets.resolve("http://localhost:9999/in", true, true, host -> {
            throw new AssertionError("not resolved");
        }).address()).isNull();
    }

    /** A config as production has it (nothing private, https only) trusting exactly one local receiver. */
    private static WebhooksConfig trusting(String... origins) {
        return (WebhooksConfig) java.lang.reflect.Proxy.newProxyInstance(WebhooksConfig.class.getClassLoader(),
                new Class<?>[] {WebhooksConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "trustedTargets" -> java.util.Optional.of(java.util.List.of(origins));
                    case "allowPrivateTargets", "allowHttp" -> false;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void a_trusted_origin_is_accepted_and_nothing_beside_it() {
        WebhooksConfig config = trusting("http://127.0.0.1:4567");
        assertThat(WebhookTargets.check("http://127.0.0.1:4567/hooks/mailer", config).getPort()).isEqualTo(4567);
        assertThat(WebhookTargets.check("HTTP://127.0.0.1:4567/x", config).getHost()).isEqualTo("127.0.0.1");
        for (String url : new String[] {"http://127.0.0.1:4568/x", "http://127.0.0.1/x", "https://127.0.0.1:4567/x",
                "http://localhost:4567/x", "http://user:pw@127.0.0.1:4567/x", "http://10.0.0.1:4567/x"}) {
            assertThatThrownBy(() -> WebhookTargets.check(url, config)).as(url).isInstanceOf(ProblemException.class);
        }
        assertThat(WebhookTargets.origin(java.net.URI.create("https://Partner.Example.com/x"))).isEqualTo("https://partner.example.com:443");
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
    void the_signature_is_the_standard_webhooks_one() {
        // The example of the Standard Webhooks specification and its libraries' tests.
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String a = WebhookSignature.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}");
        assertThat(a).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        // It covers the id, the timestamp and the body, and each secret signs differently.
        assertThat(WebhookSignature.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 1}")).isNotEqualTo(a);
        assertThat(WebhookSignature.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265331L, "{\"test\": 2432232314}")).isNotEqualTo(a);
        assertThat(WebhookSignature.sign(secret, "msg_other", 1614265330L, "{\"test\": 2432232314}")).isNotEqualTo(a);
        String other = WebhookSignature.newSecret();
        assertThat(other).startsWith("whsec_");
        assertThat(WebhookSignature.key(other)).hasSize(32);
        // While rotating: one v1,... per secret, space-separated, the current one first.
        assertThat(WebhookSignature.sign(java.util.List.of(other, secret), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}")).endsWith(" " + a).startsWith("v1,").doesNotContain("v1=");
    }

    @Test
    void a_delivery_lease_outlasts_its_whole_batch() {
        java.time.Duration perDelivery = java.time.Duration.ofSeconds(8);
        DeliveryLease lease = new DeliveryLease(perDelivery, 20, java.time.Duration.ofSeconds(20 * 8 + 30));
        assertThat(lease.leftFor(java.time.Duration.ZERO)).isTrue();
        assertThat(lease.leftFor(java.time.Duration.ofSeconds(19 * 8))).isTrue();   // the last of the batch, on time
        assertThat(lease.leftFor(java.time.Duration.ofSeconds(19 * 8 + 1))).isFalse(); // late: left to the next lease
        assertThatThrownBy(() -> new DeliveryLease(perDelivery, 20, java.time.Duration.ofSeconds(60)))
                .hasMessageContaining("would not outlast");
        assertThatThrownBy(() -> new DeliveryLease(perDelivery, 0, java.time.Duration.ofSeconds(60)))
                .hasMessageContaining("batch-size");
    }
}
