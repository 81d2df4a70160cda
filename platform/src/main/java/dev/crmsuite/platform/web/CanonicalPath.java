package dev.crmsuite.platform.web;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one spelling of a request path that routing and authorisation may read. A path is canonical
 * when its raw form and its decoded form name the same resource: no empty segment ({@code //}, a
 * trailing slash), no {@code .} or {@code ..} segment in any spelling, no encoded {@code /} or
 * {@code \}, no control character raw or encoded, no percent-encoding of a character that needs
 * none (so {@code %61dmin} cannot pass for {@code admin}), no matrix parameters, and valid UTF-8.
 * Anything else is refused rather than normalised: a normaliser is a second parser, and two parsers
 * that disagree are how the gateway once authorised one path and routed another.
 */
public record CanonicalPath(String value, List<String> segments) {

    /** Why a path is not canonical; the message is safe to show the caller. */
    public static final class NotCanonical extends Exception {
        public NotCanonical(String message) {
            super(message, null, false, false);
        }
    }

    /** Longest path accepted; the request line limit is generous, paths need not be. */
    public static final int MAX_LENGTH = 2048;

    public static CanonicalPath parse(String raw) throws NotCanonical {
        if (raw == null || raw.isEmpty() || raw.charAt(0) != '/') {
            throw new NotCanonical("the path must start with /");
        }
        if (raw.length() > MAX_LENGTH) {
            throw new NotCanonical("the path is longer than " + MAX_LENGTH + " characters");
        }
        if (raw.equals("/")) {
            return new CanonicalPath("/", List.of());
        }
        List<String> segments = new ArrayList<>();
        int start = 1;
        while (true) {
            int end = raw.indexOf('/', start);
            String rawSegment = end < 0 ? raw.substring(start) : raw.substring(start, end);
            segments.add(decodeSegment(rawSegment));
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        return new CanonicalPath(raw, List.copyOf(segments));
    }

    /** Whether this path is {@code prefix} itself or lies below it ({@code /api/v1/admin} covers {@code /api/v1/admin/x}). */
    public boolean isAtOrBelow(String prefix) {
        return value.equals(prefix) || value.startsWith(prefix) && value.charAt(prefix.length()) == '/';
    }

    private static String decodeSegment(String raw) throws NotCanonical {
        if (raw.isEmpty()) {
            throw new NotCanonical("the path has an empty segment (// or a trailing /)");
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 1 < raw.length() ? hex(raw.charAt(i + 1)) : -1;
                int lo = i + 2 < raw.length() ? hex(raw.charAt(i + 2)) : -1;
                if (hi < 0 || lo < 0) {
                    throw new NotCanonical("the path has an invalid percent-encoding");
                }
                int b = hi * 16 + lo;
                if (b < 0x80 && needsNoEncoding((char) b)) {
                    throw new NotCanonical("the path percent-encodes a character that needs no encoding");
                }
                if (b == '/' || b == '\\' || b == ';' || b < 0x20 || b == 0x7f) {
                    throw new NotCanonical("the path has an encoded /, \\, ; or control character");
                }
                bytes.put((byte) b);
                i += 2;
            } else if (allowedRaw(c)) {
                bytes.put((byte) c);
            } else {
                throw new NotCanonical("the path has a character that must not appear in it");
            }
        }
        bytes.flip();
        String decoded;
        try {
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            CharBuffer chars = utf8.decode(bytes);
            decoded = chars.toString();
        } catch (CharacterCodingException e) {
            throw new NotCanonical("the path is not valid UTF-8");
        }
        if (decoded.equals(".") || decoded.equals("..")) {
            throw new NotCanonical("the path has a . or .. segment");
        }
        for (int i = 0; i < decoded.length(); i++) {
            if (Character.isISOControl(decoded.charAt(i))) {
                throw new NotCanonical("the path has a control character");
            }
        }
        return decoded;
    }

    private static int hex(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /** RFC 3986 unreserved characters: encoding them changes the spelling, not the meaning. */
    private static boolean needsNoEncoding(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** RFC 3986 pchar, less {@code ;} (matrix parameters, which JAX-RS would strip before matching). */
    private static boolean allowedRaw(char c) {
        return needsNoEncoding(c) || c == '!' || c == '$' || c == '&' || c == '\'' || c == '(' || c == ')'
                || c == '*' || c == '+' || c == ',' || c == '=' || c == ':' || c == '@';
    }
}
