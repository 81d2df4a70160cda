package dev.crmsuite.platform.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every property a schema does not require may be null, and the document says so. The services send
 * null for an optional value they do not have (a customer's givenName, a complaint's closedAt, the
 * nextCursor of a last page, an API key's revokedAt...), and Jackson reads a null member as absent;
 * but the scanner types those properties from the Java records as never null, and OpenAPI 3.1 has no
 * "nullable": null has to be one of the types. So, in every schema of the document (components,
 * request and response bodies, nested properties and items):
 * <ul>
 * <li>a typed property gets "null" added to its {@code type} (and to its {@code enum}, if any);</li>
 * <li>a reference becomes {@code anyOf: [{$ref}, {type: "null"}]}, keeping its description and
 * examples outside, because "null" cannot be added to the type of a reference;</li>
 * <li>a choice ({@code anyOf} or {@code oneOf} of schemas) gets {@code {type: "null"}} as one more
 * branch.</li>
 * </ul>
 * Required properties are left as they are: a required value is never null. A property schema is
 * copied before it is changed, because the scanner (and other filters, e.g. a merge patch derived from
 * its resource) share one schema object between places where it is required and where it is not.
 * Runs after every other filter of a service, so properties those add or retype are covered too.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD, priority = Integer.MIN_VALUE)
public class OptionalMeansNullable implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Components components = openAPI.getComponents();
        if (components != null) {
            each(components.getSchemas()).forEach(s -> visit(s, seen));
            each(components.getResponses()).forEach(r -> visit(r.getContent(), seen));
            each(components.getRequestBodies()).forEach(b -> visit(b.getContent(), seen));
            each(components.getParameters()).forEach(p -> visit(p, seen));
        }
        if (openAPI.getPaths() != null) {
            for (PathItem item : each(openAPI.getPaths().getPathItems())) {
                if (item.getParameters() != null) {
                    item.getParameters().forEach(p -> visit(p, seen));
                }
                for (Operation operation : each(item.getOperations())) {
                    if (operation.getParameters() != null) {
                        operation.getParameters().forEach(p -> visit(p, seen));
                    }
                    RequestBody body = operation.getRequestBody();
                    if (body != null) {
                        visit(body.getContent(), seen);
                    }
                    if (operation.getResponses() != null) {
                        for (APIResponse response : each(operation.getResponses().getAPIResponses())) {
                            visit(response.getContent(), seen);
                        }
                    }
                }
            }
        }
    }

    private static <T> Iterable<T> each(Map<?, T> map) {
        return map == null ? List.of() : map.values();
    }

    private static void visit(Parameter parameter, Set<Object> seen) {
        visit(parameter.getSchema(), seen);
        visit(parameter.getContent(), seen);
    }

    private static void visit(Content content, Set<Object> seen) {
        if (content != null && content.getMediaTypes() != null) {
            for (MediaType media : content.getMediaTypes().values()) {
                visit(media.getSchema(), seen);
            }
        }
    }

    /** Makes the optional properties of {@code schema}, and of every schema inside it, nullable. */
    static void visit(Schema schema, Set<Object> seen) {
        if (schema == null || !seen.add(schema)) {
            return;
        }
        Map<String, Schema> properties = schema.getProperties();
        if (properties != null) {
            List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            // A new map in the same order: the model may hand out an unmodifiable view.
            Map<String, Schema> checked = new LinkedHashMap<>();
            boolean changed = false;
            for (Map.Entry<String, Schema> property : properties.entrySet()) {
                Schema value = property.getValue();
                if (value != null && !required.contains(property.getKey()) && !allowsNull(value)) {
                    value = orNull(value);
                    changed = true;
                }
                checked.put(property.getKey(), value);
            }
            if (changed) {
                schema.setProperties(checked);
            }
            checked.values().forEach(p -> visit(p, seen));
        }
        visit(schema.getItems(), seen);
        visit(schema.getAdditionalPropertiesSchema(), seen);
        visit(schema.getNot(), seen);
        nullToEmpty(schema.getAllOf()).forEach(p -> visit(p, seen));
        nullToEmpty(schema.getAnyOf()).forEach(p -> visit(p, seen));
        nullToEmpty(schema.getOneOf()).forEach(p -> visit(p, seen));
    }

    /** True when the schema already accepts null: typed with "null", or a choice with a null branch, or untyped. */
    static boolean allowsNull(Schema schema) {
        if (schema.getRef() != null) {
            return false;
        }
        if (schema.getType() != null && !schema.getType().isEmpty()) {
            return schema.getType().contains(Schema.SchemaType.NULL);
        }
        boolean choice = false;
        for (List<Schema> parts : List.of(nullToEmpty(schema.getAnyOf()), nullToEmpty(schema.getOneOf()))) {
            for (Schema part : parts) {
                choice = true;
                if (part.getRef() == null && part.getType() != null && part.getType().contains(Schema.SchemaType.NULL)) {
                    return true;
                }
            }
        }
        // A choice without a null branch excludes null; no type, no reference, no choice: any JSON
        // value, null included (an allOf can still exclude it).
        return !choice && (schema.getAllOf() == null || schema.getAllOf().isEmpty());
    }

    private static List<Schema> nullToEmpty(List<Schema> list) {
        return list == null ? List.of() : list;
    }

    /** A copy of {@code schema} that also accepts null; {@code schema} itself is not changed. */
    static Schema orNull(Schema schema) {
        Schema copy = OASFactory.createSchema();
        copy.setAll(schema.getAll());
        boolean typed = schema.getRef() == null && schema.getType() != null && !schema.getType().isEmpty();
        if (typed) {
            List<Schema.SchemaType> types = new ArrayList<>(schema.getType());
            types.add(Schema.SchemaType.NULL);
            copy.setType(types);
            if (schema.getEnumeration() != null && !schema.getEnumeration().contains(null)) {
                List<Object> values = new ArrayList<>(schema.getEnumeration());
                values.add(null);
                copy.setEnumeration(values);
            }
            return copy;
        }
        // A choice (anyOf, or oneOf: null matches no other branch) takes null as one more branch.
        for (boolean any : new boolean[]{true, false}) {
            List<Schema> parts = any ? copy.getAnyOf() : copy.getOneOf();
            if (copy.getRef() == null && parts != null && !parts.isEmpty()) {
                List<Schema> withNull = new ArrayList<>(parts);
                withNull.add(OASFactory.createSchema().type(List.of(Schema.SchemaType.NULL)));
                if (any) {
                    copy.setAnyOf(withNull);
                } else {
                    copy.setOneOf(withNull);
                }
                return copy;
            }
        }
        // A reference's type is its target's (the scanner repeats it next to $ref, where it would
        // exclude null again): dropped. What documents the property stays outside the choice.
        if (copy.getRef() != null) {
            copy.setType(null);
        }
        Schema either = OASFactory.createSchema()
                .description(copy.getDescription())
                .title(copy.getTitle())
                .examples(copy.getExamples())
                .defaultValue(copy.getDefaultValue())
                .deprecated(copy.getDeprecated())
                .readOnly(copy.getReadOnly())
                .writeOnly(copy.getWriteOnly());
        copy.setDescription(null);
        copy.setTitle(null);
        copy.setExamples(null);
        copy.setDefaultValue(null);
        copy.setDeprecated(null);
        copy.setReadOnly(null);
        copy.setWriteOnly(null);
        either.setAnyOf(List.of(copy, OASFactory.createSchema().type(List.of(Schema.SchemaType.NULL))));
        return either;
    }
}
