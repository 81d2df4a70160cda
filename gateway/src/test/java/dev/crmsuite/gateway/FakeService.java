package dev.crmsuite.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for complaint-service on a real port: an OpenAPI document to merge, a list endpoint
 * to forward to, and a slow endpoint for timeouts. It records the headers it received so tests can
 * check what the gateway passes on.
 */
public class FakeService implements QuarkusTestResourceLifecycleManager {

    public static final Map<String, String> LAST_HEADERS = new ConcurrentHashMap<>();
    public static final java.util.concurrent.atomic.AtomicInteger POSTS = new java.util.concurrent.atomic.AtomicInteger();
    private HttpServer server;

    static final String OPENAPI = """
            {"openapi":"3.1.0","info":{"title":"fake complaint-service","version":"1"},
             "tags":[{"name":"Complaints","description":"Complaint intake"}],
             "paths":{"/api/v1/complaints":{
               "get":{"operationId":"listComplaints","summary":"List complaints","tags":["Complaints"],"responses":{"200":{"description":"ok"}}},
               "post":{"operationId":"fileComplaint","summary":"File a complaint","tags":["Complaints"],"responses":{"201":{"description":"filed"}}}}},
             "components":{"schemas":{"Complaint":{"type":"object","properties":{"id":{"type":"string"}}}}}}""";

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/q/openapi", ex -> reply(ex, 200, "application/json", OPENAPI));
        server.createContext("/api/v1/complaints", ex -> {
            LAST_HEADERS.clear();
            ex.getRequestHeaders().forEach((k, v) -> LAST_HEADERS.put(k.toLowerCase(), v.getFirst()));
            String path = ex.getRequestURI().getPath();
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
                POSTS.incrementAndGet();
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Location", "/api/v1/complaints/c-1");
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

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
