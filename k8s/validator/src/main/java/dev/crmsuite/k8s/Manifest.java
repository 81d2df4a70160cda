package dev.crmsuite.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One object of a rendered multi-document YAML file, as JSON. */
public record Manifest(String source, ObjectNode json) {

    static final ObjectMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = new ObjectMapper();

    public String apiVersion() {
        return json.path("apiVersion").asText("");
    }

    public String kind() {
        return json.path("kind").asText("");
    }

    public String name() {
        return json.path("metadata").path("name").asText("");
    }

    public String namespace() {
        return json.path("metadata").path("namespace").asText("");
    }

    /** How violations name this object: {@code dev.yaml Deployment crm-dev/gateway}. */
    public String id() {
        return source + " " + kind() + " " + (namespace().isEmpty() ? "" : namespace() + "/") + name();
    }

    public static List<Manifest> read(Path file) {
        try {
            return parse(file.getFileName().toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a multi-document YAML text; empty documents are skipped, non-objects are errors. */
    public static List<Manifest> parse(String source, String yaml) {
        List<Manifest> out = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            var docs = YAML.readValues(parser, JsonNode.class);
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                if (!doc.isObject()) {
                    throw new IllegalArgumentException(source + ": a document is not an object: " + doc);
                }
                out.add(new Manifest(source, (ObjectNode) doc));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": not valid YAML", e);
        }
        return out;
    }
}
