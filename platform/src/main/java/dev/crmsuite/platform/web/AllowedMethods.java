package dev.crmsuite.platform.web;

import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The methods a path answers, for the {@code Allow} header every 405 must carry (RFC 9110 §15.5.6):
 * Quarkus REST answers 405 without one. Read once, on the first 405, from the JAX-RS annotations of
 * the application's resource classes (which Quarkus REST makes beans); written here because neither
 * Quarkus REST nor SmallRye OpenAPI offers the routing table at run time.
 */
@ApplicationScoped
public class AllowedMethods {

    private static final List<String> ORDER = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);

    /** A path template as a pattern, and the methods its operations answer. */
    record Route(String template, Pattern pattern, Set<String> methods) {
    }

    private volatile List<Route> routes;

    /** The Allow header's value for {@code path} (decoded, without query), or empty when no operation has that path. */
    public Optional<String> allow(String path) {
        List<Route> known = routes;
        if (known == null) {
            known = routes(Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE).stream()
                    .map(Bean::getBeanClass).filter(c -> c.isAnnotationPresent(Path.class)).distinct().toList());
            routes = known;
        }
        return allow(known, path);
    }

    static Optional<String> allow(List<Route> routes, String path) {
        String normalised = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        Set<String> methods = new LinkedHashSet<>();
        routes.stream().filter(r -> r.pattern().matcher(normalised).matches()).forEach(r -> methods.addAll(r.methods()));
        if (methods.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ORDER.stream().filter(methods::contains).collect(Collectors.joining(", ")));
    }

    /** The routes of the resource classes: each class path joined with each operation's own path. */
    static List<Route> routes(Collection<Class<?>> resources) {
        Map<String, Set<String>> byTemplate = new TreeMap<>();
        for (Class<?> resource : resources) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getMethods()) {
                String verb = verb(method);
                if (verb == null) {
                    continue;
                }
                Path own = method.getAnnotation(Path.class);
                String template = join(base, own == null ? "" : own.value());
                Set<String> methods = byTemplate.computeIfAbsent(template, t -> new LinkedHashSet<>());
                methods.add(verb);
                if (verb.equals(HttpMethod.GET)) {
                    methods.add(HttpMethod.HEAD); // Quarkus REST answers HEAD wherever GET is
                }
            }
        }
        List<Route> routes = new ArrayList<>();
        byTemplate.forEach((template, methods) -> routes.add(new Route(template, pattern(template), methods)));
        return routes;
    }

    private static String verb(Method method) {
        for (Annotation a : method.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    static String join(String base, String own) {
        String joined = ("/" + base + "/" + own).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** {@code {name}} matches one segment, {@code {name: regex}} its regex; the rest literally. */
    static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf('{', at);
            if (open < 0) {
                regex.append(Pattern.quote(template.substring(at)));
                break;
            }
            regex.append(Pattern.quote(template.substring(at, open)));
            int close = closing(template, open);
            String parameter = template.substring(open + 1, close);
            int colon = parameter.indexOf(':');
            regex.append(colon < 0 ? "[^/]+" : "(?:" + parameter.substring(colon + 1).strip() + ")");
            at = close + 1;
        }
        return Pattern.compile(regex.toString());
    }

    /** The brace closing the one at {@code open}, counting braces inside a parameter's regex. */
    private static int closing(String template, int open) {
        int depth = 0;
        for (int i = open; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unclosed { in " + template);
    }
}
