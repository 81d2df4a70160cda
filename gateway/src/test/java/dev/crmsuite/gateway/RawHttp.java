package dev.crmsuite.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP/1.1 on a plain socket, for requests an HTTP client library would tidy up first: a path
 * sent byte for byte as written ({@code //}, {@code /./}, a backslash, {@code ;}), or a body that
 * arrives in chunks with no declared length.
 */
public final class RawHttp {

    /** An answer: status, headers (lower-case names) and body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private RawHttp() {
    }

    /** Sends {@code method target} with the given headers (name, value, name, value...) and no body. */
    public static Answer send(URL base, String method, String target, String... headers) {
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                .append("Connection: close\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        request.append("\r\n");
        return exchange(base, request.toString().getBytes(StandardCharsets.ISO_8859_1), null, 0);
    }

    /** Sends {@code method target} with a JSON body of declared length. */
    public static Answer sendJson(URL base, String method, String target, String json, String... headers) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                .append("Connection: close\r\nContent-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        request.append("\r\n");
        return exchange(base, request.toString().getBytes(StandardCharsets.ISO_8859_1), body, 0);
    }

    /**
     * Sends a chunked body of {@code totalBytes} in 64 KiB chunks, without a declared length. The
     * server may answer and close before it has all of it; what it answered is returned.
     */
    public static Answer sendChunked(URL base, String method, String target, long totalBytes, String... headers) {
        return sendChunked(base, method, target, null, totalBytes, headers);
    }

    /**
     * The same after a first chunk {@code prefix}: a JSON prefix such as {@code {"url":"} keeps the
     * body valid JSON while it grows, so the server must count bytes, not stop at a parse error.
     */
    public static Answer sendChunked(URL base, String method, String target, String prefix, long totalBytes, String... headers) {
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                .append("Connection: close\r\nTransfer-Encoding: chunked\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        request.append("\r\n");
        byte[] first = null;
        if (prefix != null) {
            byte[] bytes = prefix.getBytes(StandardCharsets.UTF_8);
            first = (Integer.toHexString(bytes.length) + "\r\n" + prefix + "\r\n").getBytes(StandardCharsets.UTF_8);
        }
        return exchange(base, request.toString().getBytes(StandardCharsets.ISO_8859_1), first, totalBytes);
    }

    private static Answer exchange(URL base, byte[] head, byte[] body, long chunkedBytes) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.flush();
            // The body goes out on its own thread while this one reads: a server that answers before
            // it has read everything (413) must not lose its answer to our still-writing socket.
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    if (body != null) {
                        out.write(body);
                    }
                    if (chunkedBytes > 0) {
                        byte[] chunk = new byte[64 * 1024];
                        java.util.Arrays.fill(chunk, (byte) 'a');
                        long left = chunkedBytes;
                        while (left > 0) {
                            int n = (int) Math.min(chunk.length, left);
                            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                            out.write(chunk, 0, n);
                            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                            left -= n;
                        }
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.flush();
                } catch (IOException e) {
                    // The server answered and closed while the body was still going.
                }
            });
            Answer answer = read(socket.getInputStream());
            writer.interrupt();
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        try {
            while ((n = in.read(buffer)) > 0) {
                all.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // reset after the answer: keep what arrived
        }
        String text = all.toString(StandardCharsets.ISO_8859_1);
        int split = text.indexOf("\r\n\r\n");
        if (split < 0) {
            throw new IllegalStateException("no HTTP answer: " + text);
        }
        String[] lines = text.substring(0, split).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
        }
        String rest = text.substring(split + 4);
        String body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? unchunk(rest) : rest;
        return new Answer(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int eol = chunked.indexOf("\r\n", at);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, eol).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, eol + 2, Math.min(chunked.length(), eol + 2 + size));
            at = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
