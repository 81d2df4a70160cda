package dev.crmsuite.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.crmsuite.platform.testing.InternalTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for complaint-service on a real port: an OpenAPI document to merge, a list endpoint
 * to forward to, a body sink, and a slow endpoint for timeouts. It records every request it
 * received (headers, path, body size), so tests can check what the gateway passes on, and it can
 * read the internal token the gateway signed.
 */
public class FakeService implements QuarkusTestResourceLifecycleManager {

    /** One request as the service saw it. */
    public record Received(String method, String rawPath, Map<String, String> headers, long bodyBytes) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    public static final Map<String, String> LAST_HEADERS = new ConcurrentHashMap<>();
    public static final AtomicInteger POSTS = new AtomicInteger();
    private static final List<Received> RECEIVED = Collections.synchronizedList(new ArrayList<>());
    private HttpServer server;

    public static final String OPENAPI = """
            {"openapi":"3.1.0","info":{"title":"fake complaint-service","version":"1"},
             "tags":[{"name":"Complaints","description":"Complaint intake"}],
             "paths":{"/api/v1/complaints":{
               "get":{"operationId":"listComplaints","summary":"List complaints","tags":["Complaints"],
                      "security":[{"InternalToken":["complaints:read"]}],
                      "responses":{"200":{"description":"ok"},
                                   "401":{"description":"No credentials","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}},
                                   "403":{"description":"Not granted","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}}}},
               "post":{"operationId":"fileComplaint","summary":"File a complaint","tags":["Complaints"],
                       "security":[{"InternalToken":["complaints:write"]}],
                       "responses":{"201":{"description":"filed","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Complaint"}}}}}}},
              "/api/v1/complaints/forms/{token}":{
               "get":{"operationId":"getComplaintForm","summary":"A public form","tags":["Complaints"],"responses":{"200":{"description":"ok"}}}},
              "/api/v2/complaints":{"get":{"operationId":"listComplaintsV2","responses":{"200":{"description":"ok"}}}},
              "/q/health":{"get":{"operationId":"health","responses":{"200":{"description":"ok"}}}}},
             "components":{"schemas":{"Complaint":{"type":"object","properties":{"id":{"type":"string"},"key":{"$ref":"#/components/schemas/IssuedKey"}}},
                           "IssuedKey":{"type":"string","description":"a complaint's own IssuedKey: the same name as a gateway schema, another definition"}},
                           "securitySchemes":{"InternalToken":{"type":"http","scheme":"bearer","bearerFormat":"JWT"}}}}""";

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/q/openapi", ex -> reply(ex, 200, "application/json", OPENAPI));
        server.createContext("/", ex -> {
            long bytes = drain(ex.getRequestBody());
            record(ex, bytes);
            reply(ex, 404, "application/problem+json", "{\"status\":404,\"detail\":\"not a complaint path\"}");
        });
        // complaint-service's part of a person's export (PrivacyExportTest).
        server.createContext("/api/v1/privacy/complaints/customers/", ex -> {
            record(ex, drain(ex.getRequestBody()));
            String customer = ex.getRequestURI().getPath().split("/")[6];
            reply(ex, 200, "application/json", "{\"customerId\":\"" + customer + "\",\"complaints\":[{\"subject\":\"late\","
                    + "\"comments\":[{\"visibility\":\"INTERNAL\",\"text\":\"call back\"}]}]}");
        });
        server.createContext("/api/v1/complaints", ex -> {
            String path = ex.getRequestURI().getRawPath();
            if (path.endsWith("/bodies")) {
                long bytes = drain(ex.getRequestBody());
                record(ex, bytes);
                reply(ex, 200, "application/json", "{\"bytes\":" + bytes + "}");
                return;
            }
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            record(ex, body.length());
            if (path.endsWith("/broken-off")) {
                // Headers and the first chunk, then the connection closes without the last chunk: the
                // server closes it when a handler throws after the headers went out.
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, 0);
                ex.getResponseBody().write("{\"items\":[".getBytes(StandardCharsets.UTF_8));
                ex.getResponseBody().flush();
                throw new IllegalStateException("the stand-in complaint-service breaks off its answer");
            }
            if (path.endsWith("/slow")) {
                try {
                    TimeUnit.SECONDS.sleep(4);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                reply(ex, 200, "application/json", "{}");
            } else if (path.endsWith("/missing")) {
                reply(ex, 404, "application/problem+json",
                        "{\"type\":\"https://crmsuite.dev/problems/not-found\",\"title\":\"Not found\",\"status\":404,\"detail\":\"complaint missing does not exist\"}");
            } else if (ex.getRequestMethod().equals("POST")) {
                int post = POSTS.incrementAndGet();
                ex.getResponseHeaders().add("Location", "http://localhost:8080/api/v1/complaints/c-1");
                ex.getResponseHeaders().add("ETag", "\"" + post + "\"");
                reply(ex, 201, "application/json", "{\"received\":" + body + "}");
            } else {
                ex.getResponseHeaders().add("X-Upstream", "complaint");
                reply(ex, 200, "application/json", "{\"items\":[],\"query\":\"" + ex.getRequestURI().getRawQuery() + "\"}");
            }
        });
        server.start();
        return Map.of("crm.routes.complaint.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "crm.routes.complaint.timeout", "1s");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Every request received so far, oldest first. */
    public static List<Received> received() {
        synchronized (RECEIVED) {
            return List.copyOf(RECEIVED);
        }
    }

    public static int count() {
        return RECEIVED.size();
    }

    public static Received last() {
        synchronized (RECEIVED) {
            return RECEIVED.isEmpty() ? null : RECEIVED.getLast();
        }
    }

    /**
     * The claims of the internal token a request carried, after checking its RS256 signature with the
     * public key of the test run (the services' check; issuer, audience and time are the test's to assert).
     */
    public static JsonNode internalClaims(Received request) {
        String authorization = request.header("authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new AssertionError("no internal token: " + authorization);
        }
        String[] parts = authorization.substring(7).split("\\.");
        try {
            String pem = Files.readString(InternalTokens.publicKeyFile()).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw new AssertionError("the internal token's signature does not verify");
            }
            JsonNode header = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
            if (!header.path("alg").asText().equals("RS256")) {
                throw new AssertionError("not RS256: " + header);
            }
            return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (java.security.GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void record(HttpExchange ex, long bodyBytes) {
        Map<String, String> headers = new ConcurrentHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        LAST_HEADERS.clear();
        LAST_HEADERS.putAll(headers);
        RECEIVED.add(new Received(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), headers, bodyBytes));
    }

    private static long drain(InputStream in) throws IOException {
        long total = 0;
        byte[] buffer = new byte[16384];
        int n;
        try {
            while ((n = in.read(buffer)) > 0) {
                total += n;
            }
        } catch (IOException e) {
            return -1 - total; // the sender reset the request: a negative count says it never completed
        }
        return total;
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
