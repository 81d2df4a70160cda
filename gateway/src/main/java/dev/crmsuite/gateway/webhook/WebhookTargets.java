package dev.crmsuite.gateway.webhook;

import dev.crmsuite.platform.problem.ProblemException;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Where the gateway may send webhooks. A partner must not be able to make the gateway call into
 * our own network (SSRF): loopback, private, link-local (cloud metadata at 169.254.169.254), the
 * other ranges that are not on the public internet, IPv6 addresses that carry one of those,
 * unique-local and multicast addresses are refused unless configuration allows them (local
 * development and tests), or the target's exact origin is listed as trusted (a receiver inside our
 * network reached on purpose; the end-to-end test's local receiver). The check runs at subscription
 * and again before every delivery, since DNS can change in between, and the delivery connects to the
 * address it checked ({@link Target}).
 */
public final class WebhookTargets {

    private WebhookTargets() {
    }

    /**
     * Where a delivery goes: the URL, and the address its host was checked at. A delivery connects
     * to that address (the host still names the server: Host header, TLS SNI and certificate), so a
     * DNS answer that changes between the check and the connection (rebinding) cannot turn a checked
     * public host into an internal one. Null when nothing was resolved (a trusted origin, or private
     * targets allowed): the host is resolved when the delivery connects.
     */
    public record Target(URI uri, InetAddress address) {
    }

    /** Resolves a host name to its addresses ({@link InetAddress#getAllByName} but in tests). */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** {@link #resolve(String, WebhooksConfig)}'s URL: the check at subscription. */
    public static URI check(String url, WebhooksConfig config) {
        return resolve(url, config).uri();
    }

    /** The target of {@code url} with the configuration, trusted origins first; refused with a 400 problem. */
    public static Target resolve(String url, WebhooksConfig config) {
        Set<String> trusted = config.trustedTargets().map(Set::copyOf).orElse(Set.of());
        if (!trusted.isEmpty()) {
            URI uri = parse(url);
            String origin = origin(uri);
            if (origin != null && uri.getUserInfo() == null && trusted.contains(origin)) {
                return new Target(uri, null);
            }
        }
        return resolve(url, config.allowPrivateTargets(), config.allowHttp(), InetAddress::getAllByName);
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
        return resolve(url, allowPrivate, allowHttp, InetAddress::getAllByName).uri();
    }

    /** Every address the host resolves to must be public; the target is pinned to the first of them. */
    static Target resolve(String url, boolean allowPrivate, boolean allowHttp, Resolver resolver) {
        URI uri = parse(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw ProblemException.invalid("url", "must be an https URL");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null) {
            throw ProblemException.invalid("url", "must name a host and carry no credentials");
        }
        if (allowPrivate) {
            return new Target(uri, null);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            throw ProblemException.invalid("url", "host " + uri.getHost() + " does not resolve");
        }
        if (addresses.length == 0) {
            throw ProblemException.invalid("url", "host " + uri.getHost() + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                throw ProblemException.invalid("url", "must not point to a private, loopback, link-local or reserved address");
            }
        }
        return new Target(uri, addresses[0]);
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        return b.length == 4 ? notPublicV4(b, 0) : notPublicV6(b);
    }

    /**
     * IPv4 ranges that reach inside a network (IANA's special-purpose registry): this network, private,
     * shared (carrier-grade NAT), loopback, link-local, IETF protocol assignments, benchmarking (some
     * networks use it inside), multicast, reserved and broadcast. The documentation nets (TEST-NET-1
     * to 3) are left alone: routed nowhere, they reach nothing, and tests use them as a public address
     * that needs no DNS.
     */
    private static boolean notPublicV4(byte[] b, int at) {
        int x = b[at] & 0xff, y = b[at + 1] & 0xff, z = b[at + 2] & 0xff;
        return x == 0 || x == 10 || x == 127 || x >= 224
                || (x == 100 && (y & 0xc0) == 64)
                || (x == 169 && y == 254)
                || (x == 172 && (y & 0xf0) == 16)
                || (x == 192 && y == 168)
                || (x == 192 && y == 0 && z == 0)
                || (x == 198 && (y & 0xfe) == 18);
    }

    /**
     * IPv6 ranges that are not on the public internet, and those that carry an IPv4 address a
     * translator or tunnel would reach (IPv4-compatible, NAT64, 6to4, Teredo): judged by the address
     * they carry, or refused outright where it cannot be told.
     */
    private static boolean notPublicV6(byte[] b) {
        int first = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        int second = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        boolean zeroTo96 = true;
        for (int i = 0; i < 12; i++) {
            zeroTo96 &= b[i] == 0;
        }
        if (zeroTo96) {
            return true; // ::a.b.c.d, deprecated IPv4-compatible (and :: itself)
        }
        if ((first & 0xfe00) == 0xfc00) {
            return true; // unique local fc00::/7
        }
        if (first == 0x0064 && second == 0xff9b) {
            boolean wellKnown = true;
            for (int i = 4; i < 12; i++) {
                wellKnown &= b[i] == 0;
            }
            return !wellKnown || notPublicV4(b, 12); // 64:ff9b::/96 NAT64 (64:ff9b:1::/48 is local use)
        }
        if (first == 0x2002) {
            return notPublicV4(b, 2); // 6to4
        }
        if (first == 0x2001 && second == 0x0000) {
            return true; // Teredo 2001::/32
        }
        if (first == 0x0100 && second == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0) {
            return true; // discard-only 100::/64
        }
        return false;
    }
}
