package dev.crmsuite.gateway.access;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Set;

/**
 * Partners authenticate with an API key in {@code X-API-Key}; {@link ApiKeyIdentities} checks it.
 * Frontends send a bearer JWT, which SmallRye JWT's mechanism checks. This mechanism runs first and
 * also refuses what neither understands, so such a request is never served as anonymous: both
 * credentials at once, several keys, or an {@code Authorization} scheme other than Bearer.
 */
@ApplicationScoped
public class ApiKeyMechanism implements HttpAuthenticationMechanism {

    public static final String HEADER = "X-API-Key";
    /** Attribute of a refusal whose message may be shown to the caller (ours, not a library's). */
    static final String SAFE_DETAIL = "crm.safe-detail";

    /** The key as presented, for {@link ApiKeyIdentities}. */
    public static final class ApiKeyCredential extends BaseAuthenticationRequest {
        private final String key;

        ApiKeyCredential(String key) {
            this.key = key;
        }

        String key() {
            return key;
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        var headers = context.request().headers();
        String authorization = headers.get("Authorization");
        if (!headers.contains(HEADER)) {
            if (authorization != null && !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return refuse("Authorization accepts only a bearer token; partners send their key in X-API-Key");
            }
            return Uni.createFrom().nullItem(); // a bearer token (SmallRye JWT) or no credentials at all
        }
        if (authorization != null) {
            return refuse("send either X-API-Key or Authorization, not both");
        }
        if (headers.getAll(HEADER).size() > 1) {
            return refuse("send one X-API-Key");
        }
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                new ApiKeyCredential(headers.get(HEADER)), context));
    }

    static <T> Uni<T> refuse(String detail) {
        return Uni.createFrom().failure(new AuthenticationFailedException(detail, Map.of(SAFE_DETAIL, detail)));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", CallerIdentity.CHALLENGE));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyCredential.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.OTHER_HEADER, HEADER.toLowerCase()));
    }

    /** Before SmallRye JWT's bearer mechanism (default priority), so the checks above come first. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }
}
