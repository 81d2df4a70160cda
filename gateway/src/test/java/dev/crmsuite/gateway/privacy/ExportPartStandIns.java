package dev.crmsuite.gateway.privacy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * customer-, loyalty- and survey-service as far as a person's export needs them, on one loopback
 * port (complaint-service's part comes from FakeService). Who the customer is decides the answer:
 * {@link #KNOWN} has a part everywhere, {@link #UNKNOWN} is 404 at customer-service, {@link #MERGED}
 * answers 308 naming {@link #KNOWN}, {@link #LOYALTY_DOWN} makes loyalty-service answer 500,
 * {@link #EMPTY_CUSTOMER} gets a 200 with no body from customer-service and {@link #SURVEYS_NOT_AN_OBJECT}
 * a 200 whose body is a JSON array from survey-service.
 */
public class ExportPartStandIns implements QuarkusTestResourceLifecycleManager {

    public static final String KNOWN = "0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d";
    public static final String UNKNOWN = "5d1f0a36-3c6f-4d55-9a57-5b1c0a9f1e2d";
    public static final String MERGED = "7e2a0a36-3c6f-4d55-9a57-5b1c0a9f1e2d";
    public static final String LOYALTY_DOWN = "9c3b0a36-3c6f-4d55-9a57-5b1c0a9f1e2d";
    public static final String EMPTY_CUSTOMER = "a14c0a36-3c6f-4d55-9a57-5b1c0a9f1e2d";
    public static final String SURVEYS_NOT_AN_OBJECT = "b25d0a36-3c6f-4d55-9a57-5b1c0a9f1e2d";

    /** The Authorization header of every part request, in order. */
    public static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/api/v1/customers/", ex -> {
            String id = customerIn(ex, 4);
            if (id.equals(UNKNOWN)) {
                reply(ex, 404, "application/problem+json", "{\"status\":404,\"title\":\"Not Found\",\"detail\":\"customer " + id + " does not exist\"}");
            } else if (id.equals(MERGED)) {
                ex.getResponseHeaders().add("Location", "/api/v1/customers/" + KNOWN);
                reply(ex, 308, "application/problem+json", "{\"status\":308,\"title\":\"Merged\",\"survivingCustomerId\":\"" + KNOWN + "\"}");
            } else if (id.equals(EMPTY_CUSTOMER)) {
                reply(ex, 200, "application/json", "");
            } else {
                reply(ex, 200, "application/json", "{\"customer\":{\"id\":\"" + id + "\",\"name\":\"Ana Export\"},\"purchases\":[]}");
            }
        });
        server.createContext("/api/v1/privacy/loyalty/customers/", ex -> {
            String id = customerIn(ex, 6);
            if (id.equals(LOYALTY_DOWN)) {
                reply(ex, 500, "application/problem+json", "{\"status\":500}");
            } else {
                reply(ex, 200, "application/json", "{\"customerId\":\"" + id + "\",\"ledger\":[{\"points\":120}]}");
            }
        });
        server.createContext("/api/v1/privacy/surveys/customers/", ex -> {
            String id = customerIn(ex, 6);
            reply(ex, 200, "application/json", id.equals(SURVEYS_NOT_AN_OBJECT) ? "[]" : "{\"customerId\":\"" + id + "\",\"invitations\":[]}");
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        Map<String, String> config = new HashMap<>();
        for (String service : new String[] {"customer", "loyalty", "survey"}) {
            config.put("crm.routes." + service + ".url", url);
        }
        return config;
    }

    private static String customerIn(HttpExchange ex, int segment) {
        AUTHORIZATIONS.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
        return ex.getRequestURI().getPath().split("/")[segment];
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
