package dev.crmsuite.customer.segment;

import dev.crmsuite.customer.customer.CustomerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The service policy of each segment, as the domain brief's table describes it. */
@ApplicationScoped
public class ServicePolicies {

    @Inject
    CustomerConfig config;

    public ServicePolicy of(Segment segment) {
        if (segment == null) {
            return new ServicePolicy("front-line staff", "standard channels", false, 0);
        }
        CustomerConfig.Segment c = config.segment();
        return switch (segment) {
            case TRANSACTIONAL -> new ServicePolicy("front-line staff", "lowest-cost channel", false, c.transactionalPriorityBoost());
            case INDIFFERENT -> new ServicePolicy("front-line staff", "standard channels", false, c.indifferentPriorityBoost());
            case RELATIONAL -> new ServicePolicy("senior staff", "personal contact", true, c.relationalPriorityBoost());
            case KEY_ACCOUNT -> new ServicePolicy("the dedicated account manager or team", "dedicated contact", true,
                    c.keyAccountPriorityBoost());
        };
    }
}
