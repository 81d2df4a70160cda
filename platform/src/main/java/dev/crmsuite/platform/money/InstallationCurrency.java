package dev.crmsuite.platform.money;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Currency;

/**
 * The one currency of an installation ({@code crm.currency}, ISO 4217): purchases are recorded in
 * it, points are valued in it, vouchers and liability are stated in it, in every service alike. A
 * code that is not ISO 4217 stops the service at start-up rather than mixing units later.
 */
@ApplicationScoped
@Startup
public class InstallationCurrency {

    private final Currency currency;

    public InstallationCurrency(@ConfigProperty(name = "crm.currency") String code) {
        this.currency = parse(code);
    }

    static Currency parse(String code) {
        try {
            if (code == null || !code.matches("[A-Z]{3}")) {
                throw new IllegalArgumentException();
            }
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("crm.currency must be an ISO 4217 code such as CNY or EUR, not '" + code + "'");
        }
    }

    /** The ISO 4217 code, e.g. {@code CNY}. */
    public String code() {
        return currency.getCurrencyCode();
    }

    /** Digits after the decimal point amounts in this currency carry (2 for CNY and EUR). */
    public int fractionDigits() {
        return currency.getDefaultFractionDigits();
    }
}
