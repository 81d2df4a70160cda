package dev.crmsuite.e2e.clients;

import dev.crmsuite.client.ApiClient;
import dev.crmsuite.client.api.ComplaintsApi;
import dev.crmsuite.client.api.Customer360Api;
import dev.crmsuite.client.model.CustomerOverview;
import dev.crmsuite.client.api.CustomersApi;
import dev.crmsuite.client.api.LoyaltyAccountsApi;
import dev.crmsuite.client.api.ValueApi;
import dev.crmsuite.client.model.Category;
import dev.crmsuite.client.model.ComplaintChannel;
import dev.crmsuite.client.model.Complaint;
import dev.crmsuite.client.model.ConsentInput;
import dev.crmsuite.client.model.Customer;
import dev.crmsuite.client.model.CustomerKind;
import dev.crmsuite.client.model.CustomerProfile;
import dev.crmsuite.client.model.LoyaltyAccount;
import dev.crmsuite.client.model.NewComplaint;
import dev.crmsuite.client.model.NewPurchase;
import dev.crmsuite.client.model.Purchase;
import dev.crmsuite.client.model.Resolution;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * What a partner writes with the Java client generated from the gateway's merged OpenAPI document
 * (contracts/clients): register a customer, record a purchase, read the points once loyalty-service
 * has booked them, file and resolve a complaint, read the customer-360 overview. Only generated
 * classes talk to the API. Not compiled by Maven: e2e's GeneratedClientsIT compiles it together
 * with the freshly generated client and runs it against the running suite. Returns what it saw;
 * the test asserts on it.
 */
public final class ClientScenario {

    private ClientScenario() {
    }

    public static Map<String, Object> run(String baseUri, String authorization) throws Exception {
        ApiClient client = new ApiClient();
        // HTTP/1.1: by default the JDK client offers HTTP/2 as an h2c upgrade on plain http, and such a
        // request through the validating proxy (Prism) was never answered.
        client.setHttpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)));
        client.setReadTimeout(Duration.ofSeconds(30));
        client.updateBaseUri(baseUri);
        client.setRequestInterceptor(request -> request.header("Authorization", authorization));
        Map<String, Object> seen = new LinkedHashMap<>();

        String email = "client-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Customer customer = new CustomersApi(client).registerCustomer(new CustomerProfile()
                        .kind(CustomerKind.PERSON).name("Generated Client").email(email)
                        .consents(new ConsentInput().marketing(true).partnerSharing(false)),
                UUID.randomUUID().toString());
        UUID id = customer.getId();
        seen.put("customerId", id);
        seen.put("email", customer.getEmail());

        Purchase purchase = new ValueApi(client).recordPurchase(id, new NewPurchase()
                .externalOrderId("CLIENT-" + id.toString().substring(0, 8)).amount(new BigDecimal("640.00"))
                .currency("CNY").discounted(false));
        seen.put("purchaseId", purchase.getId());

        // Points are booked by loyalty-service from the purchase event: eventually, not at once.
        LoyaltyAccountsApi loyalty = new LoyaltyAccountsApi(client);
        LoyaltyAccount account = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> loyalty.getLoyaltyAccount(id), a -> a.getBalance() != null && a.getBalance() > 0);
        seen.put("pointsAfterPurchase", account.getBalance());

        ComplaintsApi complaints = new ComplaintsApi(client);
        Complaint filed = complaints.fileComplaint(new NewComplaint().customerId(id).channel(ComplaintChannel.EMAIL)
                        .category(Category.DELIVERY).subject("Late parcel").description("Arrived a week late."),
                UUID.randomUUID().toString(), null);
        complaints.acknowledgeComplaint(filed.getId(), null, null);
        complaints.startComplaint(filed.getId(), null, null);
        Complaint resolved = complaints.resolveComplaint(filed.getId(), new Resolution().outcome("Delivery fee refunded")
                .rootCause("Carrier delay").firstContactResolution(true), null, null);
        seen.put("complaintId", filed.getId());
        seen.put("complaintStatus", resolved.getStatus().getValue());

        // The overview is the gateway's read model, built from the events: it catches up.
        Customer360Api overviews = new Customer360Api(client);
        CustomerOverview overview = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> overviews.getCustomerOverview(id, null),
                        o -> o.getComplaints() != null && o.getComplaints().getLastResolution() != null
                                && filed.getId().toString().equals(String.valueOf(o.getComplaints().getLastResolution().getComplaintId()))
                                && o.getLoyalty() != null && account.getBalance().equals(asLong(o.getLoyalty().getBalance())));
        seen.put("overviewPoints", asLong(overview.getLoyalty().getBalance()));
        seen.put("overviewResolvedComplaint", String.valueOf(overview.getComplaints().getLastResolution().getComplaintId()));
        return seen;
    }

    private static Long asLong(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }
}
