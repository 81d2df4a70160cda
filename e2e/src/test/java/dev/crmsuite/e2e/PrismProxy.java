package dev.crmsuite.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Stoplight Prism (pinned in contracts/package.json) as a validating proxy in front of the running
 * gateway: {@code prism proxy <merged document> <gateway> [--errors]}. Every request sent to
 * {@link #url()} is checked against the gateway's merged OpenAPI document before it is forwarded, and
 * every answer before it is returned; Prism logs each violation with its location
 * ("Violation: response.body.balance Response body property balance must be integer"), and
 * {@link #violationsSinceLastCheck()} reads them from its log, which RunningSuite turns into a failure
 * of the test class that caused them. With --errors Prism also answers a violation itself: an invalid
 * request with 422 (type https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY, the violations in
 * "validation") without forwarding it, a response that breaks its schema with 500 (…#VIOLATIONS);
 * a status code the operation does not document is only a warning, passed through, but logged.
 * PrismBitesIT shows both modes catching a wrong request and a wrong response.
 */
final class PrismProxy {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What Prism logs for a mismatch: its validator's warnings and errors, and requests it refused. */
    private static final Pattern VIOLATION = Pattern.compile("Violation:|Request terminated with error|did not pass the validation");
    private static final Pattern REQUEST = Pattern.compile("\\[HTTP SERVER] (\\w+ \\S+) .*Request received");
    private static final String MARK = "/__crm_e2e_prism_mark/";

    private final Process process;
    private final Path log;
    private final int port;
    private final AtomicInteger marks = new AtomicInteger();
    private long checkedUpTo;
    private int requests;

    private PrismProxy(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Installs the contract tools when they are missing (contracts/install, a no-op when they are
     * there), downloads the merged document the gateway serves and starts Prism in front of it.
     */
    static PrismProxy start(Path root, String gateway, Path logs, boolean errors) throws Exception {
        Path contracts = root.resolve("contracts");
        Files.createDirectories(logs);
        run(logs.resolve("contracts-install.log"), contracts.resolve("install").toString());
        Path prism = contracts.resolve("node_modules/.bin/prism");
        if (!Files.isExecutable(prism)) {
            throw new IllegalStateException(prism + " is missing after contracts/install; see " + logs.resolve("contracts-install.log"));
        }
        Path served = logs.resolve("openapi-served.json");
        HttpResponse<Path> fetched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway + "/q/openapi?format=json"))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofFile(served,
                // Truncated: a shorter document over a longer one from an earlier run would leave its tail behind.
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING));
        if (fetched.statusCode() != 200) {
            throw new IllegalStateException("the gateway's /q/openapi answered " + fetched.statusCode());
        }
        // Checked exactly as served, nothing relaxed: the document itself says that optional properties
        // may be null (the platform's OptionalMeansNullable) and what the gateway answers on its own
        // (401/403/429/503/504, SuiteOpenApi). Parsed first so a broken one fails here, not in Prism.
        JSON.readTree(served.toFile());
        Path document = served;
        int port = ListenPorts.next();
        Path log = logs.resolve("prism.log");
        Files.deleteIfExists(log);
        // With --errors (the suite's default) a violation is answered by Prism on the spot, so the test
        // that sent it fails there; without (-Dcrm.prism.errors=false, for finding every mismatch of a
        // run at once) Prism answers as the gateway did and logs each violation with its location.
        List<String> command = new ArrayList<>(List.of(prism.toString(), "proxy", document.toString(), gateway,
                "--host", "127.0.0.1", "--port", Integer.toString(port)));
        if (errors) {
            command.add("--errors");
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        PrismProxy proxy = new PrismProxy(builder.start(), log, port);
        proxy.awaitListening(Duration.ofSeconds(90));
        proxy.checkedUpTo = Files.size(log);
        return proxy;
    }

    /** Where tests send the gateway traffic that must keep the contract. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    Path log() {
        return log;
    }

    /** Requests Prism validated so far (as far as checked). */
    int requests() {
        return requests;
    }

    /**
     * The mismatches Prism logged since the last call, each with the request it belongs to. A marker
     * request (a path the document does not have, so Prism answers it itself) is sent first and
     * waited for in the log, so everything before it has been logged.
     */
    synchronized List<String> violationsSinceLastCheck() throws IOException, InterruptedException {
        String mark = MARK + marks.incrementAndGet() + "x";
        // HTTP/1.1: a request offering the JDK client's default h2c upgrade through Prism may go unanswered.
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(url() + mark)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.discarding());
        Instant deadline = Instant.now().plusSeconds(30);
        String text;
        while (true) {
            text = readFrom(checkedUpTo);
            int at = text.indexOf(mark);
            // The marker path is in no document: Prism logs a violation for it (with or without --errors).
            if (at >= 0 && VIOLATION.matcher(text.substring(at)).find() && text.endsWith("\n")) {
                break;
            }
            if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                throw new IllegalStateException("Prism did not log the marker request " + mark + "; see " + log);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        List<String> violations = new ArrayList<>();
        String request = "?";
        boolean inMark = false;
        int consumed = 0;
        for (String line : text.split("\n", -1)) {
            consumed += line.getBytes(StandardCharsets.UTF_8).length + 1;
            var received = REQUEST.matcher(line);
            if (received.find()) {
                request = received.group(1);
                inMark = line.contains(mark);
                if (!line.contains(MARK)) {
                    requests++;
                }
            } else if (VIOLATION.matcher(line).find()) {
                if (inMark) {
                    break; // the marker's own violation: everything before it is read
                }
                if (!request.contains(MARK)) {
                    violations.add(request.replaceAll("/[0-9a-fA-F-]{36}|/null(?=/|$)", "/{id}")
                            .replaceAll("(/survey-invitations/)[^/?]+", "$1{token}").replaceAll("\\?.*", "") + ": "
                            + line.replaceFirst("^.*?(Violation:|Request terminated)", "$1").strip());
                }
            }
        }
        checkedUpTo += Math.min(consumed, text.getBytes(StandardCharsets.UTF_8).length);
        // The same mismatch on every poll of a loop is one finding: each distinct one once, with a count.
        Map<String, Integer> distinct = new LinkedHashMap<>();
        violations.forEach(v -> distinct.merge(v, 1, Integer::sum));
        List<String> findings = new ArrayList<>();
        distinct.forEach((v, n) -> findings.add(n == 1 ? v : v + " (" + n + " times)"));
        return findings;
    }

    void stop() {
        Processes.stop(process, 10);
    }

    private String readFrom(long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length() - offset;
            byte[] bytes = new byte[(int) Math.max(0, length)];
            file.seek(offset);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private void awaitListening(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prism exited; see " + log);
            }
            if (Files.readString(log).contains("Prism is listening")) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IllegalStateException("Prism not listening in " + timeout + "; see " + log);
    }

    private static void run(Path output, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + output);
        }
    }
}
