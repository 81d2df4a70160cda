package dev.crmsuite.platform.security;

/**
 * The claims of the short-lived token the gateway signs for each request it forwards. The gateway
 * writes them ({@code InternalTokens} there), every service reads them ({@link InternalTokenAugmentor}).
 * Standard claims: {@code iss} = {@code crm.internal-token.issuer}, {@code aud} = the target service
 * ({@code quarkus.application.name}), {@code sub} = {@link Caller#id()}, {@code groups} = effective scopes.
 */
public final class InternalToken {

    public static final String KIND = "kind";
    public static final String PARTNER = "partner";
    public static final String ACTOR = "actor";

    private InternalToken() {
    }
}
