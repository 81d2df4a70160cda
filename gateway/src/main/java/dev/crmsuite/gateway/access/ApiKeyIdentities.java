package dev.crmsuite.gateway.access;

import dev.crmsuite.platform.security.Caller;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Turns a partner's API key into the request's identity: a {@link Caller} of kind partner whose id
 * is {@code partner:<key id>}, roles = the key's scopes, and the key's own rate limit. A key that is
 * malformed, unknown or revoked is 401. Keys looked up recently are answered on the event loop;
 * only a cache miss goes to a worker thread for the database.
 */
@ApplicationScoped
public class ApiKeyIdentities implements IdentityProvider<ApiKeyMechanism.ApiKeyCredential> {

    private static final Logger LOG = Logger.getLogger(ApiKeyIdentities.class);

    private final ApiKeys keys;

    public ApiKeyIdentities(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public Class<ApiKeyMechanism.ApiKeyCredential> getRequestType() {
        return ApiKeyMechanism.ApiKeyCredential.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyMechanism.ApiKeyCredential credential, AuthenticationRequestContext context) {
        Optional<ApiKeys.PartnerKey> known = keys.lookupIfKnown(credential.key());
        if (known != null) {
            return identity(known);
        }
        return context.runBlocking(() -> {
            try {
                return identityOrNull(keys.lookup(credential.key()));
            } catch (RuntimeException e) {
                LOG.warnf("API key lookup failed: %s", e.toString());
                throw new KeyLookupUnavailable(e);
            }
        }).onItem().ifNull().switchTo(() -> ApiKeyMechanism.refuse("the API key is invalid or revoked"));
    }

    private static Uni<SecurityIdentity> identity(Optional<ApiKeys.PartnerKey> key) {
        SecurityIdentity identity = identityOrNull(key);
        return identity != null ? Uni.createFrom().item(identity) : ApiKeyMechanism.refuse("the API key is invalid or revoked");
    }

    private static SecurityIdentity identityOrNull(Optional<ApiKeys.PartnerKey> key) {
        if (key.isEmpty()) {
            return null;
        }
        ApiKeys.PartnerKey k = key.get();
        String id = k.id().toString();
        Caller caller = new Caller("partner:" + id, Caller.Kind.PARTNER, id, CallerIdentity.actor(k.partner(), "partner"), k.scopes());
        return CallerIdentity.of(caller, k.requestsPerMinute(), null);
    }

    /** The key store cannot be read: the caller gets 503, not 401 (the key may be perfectly good). */
    public static final class KeyLookupUnavailable extends RuntimeException {
        KeyLookupUnavailable(Throwable cause) {
            super("API keys cannot be checked right now", cause);
        }
    }
}
