package dev.crmsuite.customer.segment;

import dev.crmsuite.customer.customer.CustomerConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/** The service policy of each segment, as the domain brief's table describes it. */
@ApplicationScoped
@Startup
public class ServicePolicies {

    /** Complaint handling knows priority boosts of 0 to 3 levels (application.properties). */
    static final int MAX_PRIORITY_BOOST = 3;

    private final CustomerConfig.Segment config;

    /**
     * Checks the configured boosts once, at start, so a wrong value stops the service instead of
     * reaching complaint-service in events. Checked here rather than with {@code @Min}/{@code @Max} on
     * {@link CustomerConfig}: one constraint on any config mapping makes Quarkus bootstrap a second
     * Hibernate Validator factory during static init, the largest single item of this service's
     * start-up profile (issue 19 target 6).
     */
    ServicePolicies(CustomerConfig config) {
        this.config = config.segment();
        checkBoost("transactional", this.config.transactionalPriorityBoost());
        checkBoost("indifferent", this.config.indifferentPriorityBoost());
        checkBoost("relational", this.config.relationalPriorityBoost());
        checkBoost("key-account", this.config.keyAccountPriorityBoost());
    }

    static void checkBoost(String segment, int boost) {
        if (boost < 0 || boost > MAX_PRIORITY_BOOST) {
            throw new IllegalStateException("crm.customer.segment." + segment + "-priority-boost must be 0 to "
                    + MAX_PRIORITY_BOOST + ", is " + boost);
        }
    }

    public ServicePolicy of(Segment segment) {
        if (segment == null) {
            return new ServicePolicy("front-line staff", "standard channels", false, 0);
        }
        return switch (segment) {
            case TRANSACTIONAL -> new ServicePolicy("front-line staff", "lowest-cost channel", false, config.transactionalPriorityBoost());
            case INDIFFERENT -> new ServicePolicy("front-line staff", "standard channels", false, config.indifferentPriorityBoost());
            case RELATIONAL -> new ServicePolicy("senior staff", "personal contact", true, config.relationalPriorityBoost());
            case KEY_ACCOUNT -> new ServicePolicy("the dedicated account manager or team", "dedicated contact", true,
                    config.keyAccountPriorityBoost());
        };
    }
}
