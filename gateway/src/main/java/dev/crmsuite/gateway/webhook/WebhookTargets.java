package dev.crmsuite.gateway.webhook;

import dev.crmsuite.platform.problem.ProblemException;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Where the gateway may send webhooks. A partner must not be able to make the gateway call into
 * our own network (SSRF): loopback, private, link-local (cloud metadata at 169.254.169.254),
 * unique-local and multicast addresses are refused unless configuration allows them (local
 * development and tests), or the target's exact origin is listed as trusted (a receiver inside our
 * network reached on purpose; the end-to-end test's local receiver). The check runs at subscription and again before every delivery, since
 * DNS can change in between.
 */
public final class WebhookTargets {

    private WebhookTargets() {
    }

    /** {@link #check(String, boolean, boolean)} with the configuration, trusted origins first. */
    public static URI check(String url, WebhooksConfig config) {
        Set<String> trusted = config.trustedTargets().map(Set::copyOf).orElse(Set.of());
        if (!trusted.isEmpty()) {
            URI uri = parse(url);
            String origin = origin(uri);
            if (origin != null && uri.getUserInfo() == null && trusted.contains(origin)) {
                return uri;
            }
        }
        return check(url, config.allowPrivateTargets(), config.allowHttp());
    }

    /**
     * scheme://host:port of {@code uri}, lower case, the port always spelled out, so a configured
     * origin matches exactly one listener: another port on the same host is not trusted.
     */
    static String origin(URI uri) {
        if (uri.getScheme() == null || uri.getHost() == null) {
            return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
        return port == -1 ? null : scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    private static URI parse(String url) {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("url", "is not a valid URL");
        }
    }

    public static URI check(String url, boolean allowPrivate, boolean allowHttp) {
        URI uri = parse(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw ProblemException.invalid("url", "must be an https URL");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null) {
            throw ProblemException.invalid("url", "must name a host and carry no credentials");
        }
        if (!allowPrivate) {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(uri.getHost());
            } catch (UnknownHostException e) {
                throw ProblemException.invalid("url", "host " + uri.getHost() + " does not resolve");
            }
            for (InetAddress address : addresses) {
                if (isInternal(address)) {
                    throw ProblemException.invalid("url", "must not point to a private, loopback or link-local address");
                }
            }
        }
        return uri;
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 16 && (b[0] & 0xfe) == 0xfc) {
            return true; // IPv6 unique local fc00::/7
        }
        if (b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) {
            return true; // carrier-grade NAT 100.64.0.0/10
        }
        return b.length == 4 && (b[0] & 0xff) == 0; // 0.0.0.0/8
    }
}
