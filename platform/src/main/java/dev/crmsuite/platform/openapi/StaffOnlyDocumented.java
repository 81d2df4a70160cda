package dev.crmsuite.platform.openapi;

import dev.crmsuite.platform.security.StaffOnly;
import io.quarkus.arc.Arc;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Marks every {@link StaffOnly} operation in the document with {@value #EXTENSION}{@code : true},
 * so partners (and the generated access suite) can tell from the contract alone which operations
 * answer them 403 whatever scopes their key holds. Read from the resource classes themselves, so a
 * new {@code @StaffOnly} operation is documented without anyone remembering to.
 *
 * <p>Runs when the document is served: the resource classes are CDI beans then, and the scanner's
 * build-time model has no notion of interceptor bindings.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_PER_REQUEST)
public class StaffOnlyDocumented implements OASFilter {

    public static final String EXTENSION = "x-crm-staff-only";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || Arc.container() == null) {
            return;
        }
        Set<String> staffOnly = staffOnlyOperations();
        for (var path : openAPI.getPaths().getPathItems().entrySet()) {
            for (var operation : path.getValue().getOperations().entrySet()) {
                if (staffOnly.contains(operation.getKey().name() + " " + path.getKey())) {
                    mark(operation.getValue());
                }
            }
        }
    }

    private static void mark(Operation operation) {
        operation.addExtension(EXTENSION, true);
    }

    /** "METHOD /path/{param}" of every @StaffOnly resource method. */
    static Set<String> staffOnlyOperations() {
        Set<String> operations = new HashSet<>();
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            Path classPath = type.getAnnotation(Path.class);
            if (classPath == null) {
                continue;
            }
            boolean classStaffOnly = type.isAnnotationPresent(StaffOnly.class);
            for (Method method : type.getDeclaredMethods()) {
                String verb = httpMethod(method);
                if (verb == null || !(classStaffOnly || method.isAnnotationPresent(StaffOnly.class))) {
                    continue;
                }
                Path methodPath = method.getAnnotation(Path.class);
                operations.add(verb + " " + join(classPath.value(), methodPath == null ? "" : methodPath.value()));
            }
        }
        return operations;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value().toUpperCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** Class and method paths as the document spells them: one slash between, no regex in templates. */
    static String join(String classPath, String methodPath) {
        String joined = ("/" + classPath + "/" + methodPath).replaceAll("/+", "/").replaceAll("\\{\\s*([^}:\\s]+)\\s*:[^}]*}", "{$1}");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
