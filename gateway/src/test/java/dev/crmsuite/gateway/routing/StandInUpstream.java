package dev.crmsuite.gateway.routing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real upstream on a loopback port, speaking just enough HTTP/1.1 to be told apart from a dead
 * one, for the customer, loyalty and survey routes. What it does depends on the last path segment:
 * {@code ok} answers 200, {@code slow} answers 200 after two seconds (past the route's timeout),
 * {@code drop} closes the connection without a word. It counts the requests it received per path.
 */
public class StandInUpstream implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, AtomicInteger> RECEIVED = new ConcurrentHashMap<>();
    private static final Map<String, String> AUTHORIZATION = new ConcurrentHashMap<>();
    private ServerSocket server;

    /** How many requests reached the stand-in for this path. */
    public static int received(String path) {
        return RECEIVED.getOrDefault(path, new AtomicInteger()).get();
    }

    /** The Authorization header of the last request for this path (the gateway's internal token), or null. */
    public static String lastAuthorization(String path) {
        return AUTHORIZATION.get(path);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> serve(socket));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        String url = "http://127.0.0.1:" + server.getLocalPort();
        Map<String, String> config = new java.util.HashMap<>();
        for (String service : new String[] {"customer", "loyalty", "survey"}) {
            config.put("crm.routes." + service + ".url", url);
            config.put("crm.routes." + service + ".timeout", "500ms");
            config.put("crm.routes." + service + ".failure-threshold", "3");
            config.put("crm.routes." + service + ".open-for", "1s");
        }
        return config;
    }

    private static void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            // Serves one request per connection (Connection: close) so every request is a fresh one.
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String path = head.split(" ")[1].split("\\?")[0];
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase().startsWith("authorization:")) {
                    AUTHORIZATION.put(path, line.substring("authorization:".length()).trim());
                }
            }
            RECEIVED.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            if (path.endsWith("/drop")) {
                return;
            }
            if (path.endsWith("/slow")) {
                Thread.sleep(2_000);
            }
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
        } catch (IOException | InterruptedException e) {
            // the gateway reset the request (its timeout): nothing to answer
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            String text = head.toString(StandardCharsets.US_ASCII);
            if (text.endsWith("\r\n\r\n")) {
                return text;
            }
        }
        return null;
    }

    @Override
    public void stop() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
