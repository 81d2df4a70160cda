package dev.crmsuite.customer.customer;

import dev.crmsuite.customer.segment.Segment;
import dev.crmsuite.customer.segment.ServicePolicies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Builds {@link CustomerView}s with the service policy and value inputs from configuration. */
@ApplicationScoped
public class CustomerViews {

    @Inject
    ServicePolicies policies;
    @Inject
    CustomerConfig config;

    public CustomerView of(Customer c) {
        return CustomerView.of(c, policies.of(c.segment == null ? null : Segment.valueOf(c.segment)),
                config.value().expectedYears(), config.value().currency());
    }
}
