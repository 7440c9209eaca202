package io.movmo.booking.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;

/**
 * Checks HTTP responses against {@code openapi.yaml}: the status must be declared for the matched operation and the
 * body must validate against the declared schema (JSON Schema 2020-12 with the OpenAPI 3.1 base dialect, so
 * {@code example}, {@code discriminator}, {@code xml} and {@code externalDocs} are annotations only). Requests to
 * undeclared paths must be answered with an {@code Error} body.
 */
public final class OpenApiContract {

    private static final String SPEC_FILE = "openapi.yaml";
    /** Base URI the document is registered under, so {@code #/components/...} refs resolve against the whole spec. */
    private static final String DOCUMENT_URI = "https://movmo.test/openapi.json";
    private static final String ERROR_SCHEMA = "/components/schemas/Error";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /**
     * The OpenAPI 3.1 base dialect. The whole document is loaded as the root schema, so its top-level fields are
     * declared as non-validating keywords; otherwise the validator logs an "unknown keyword" warning for each.
     */
    private static final JsonMetaSchema DIALECT = JsonMetaSchema.builder(OpenApi31.getInstance())
            .keywords(Stream.of("openapi", "info", "jsonSchemaDialect", "servers", "paths", "webhooks", "components",
                    "security", "tags").map(NonValidationKeyword::new).toList())
            .build();

    private final JsonNode document;
    private final List<String> pathTemplates;
    private final JsonSchemaFactory schemaFactory;
    /** Responses are validated in write-only mode: writeOnly properties are not required, and must not appear. */
    private final SchemaValidatorsConfig schemaConfig = SchemaValidatorsConfig.builder().writeOnly(true).build();
    private final Map<String, JsonSchema> schemasByPointer = new ConcurrentHashMap<>();

    private OpenApiContract(JsonNode document) {
        this.document = document;
        this.pathTemplates = fieldNames(document.path("paths"));
        String documentJson = document.toString();
        this.schemaFactory = JsonSchemaFactory.getInstance(VersionFlag.V202012, builder -> builder
                .metaSchema(DIALECT)
                .defaultMetaSchemaIri(DIALECT.getIri())
                .schemaLoaders(loaders -> loaders.schemas(Map.of(DOCUMENT_URI, documentJson))));
    }

    /** The contract for the repository's {@code openapi.yaml}, loaded once. */
    public static OpenApiContract get() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final OpenApiContract INSTANCE = new OpenApiContract(readSpec());
    }

    private static JsonNode readSpec() {
        YAMLMapper yaml = new YAMLMapper();
        try {
            Path file = Path.of(SPEC_FILE);
            if (Files.isRegularFile(file)) {
                return yaml.readTree(file.toFile());
            }
            try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(SPEC_FILE)) {
                if (in == null) {
                    throw new IllegalStateException(SPEC_FILE + " found neither in " + file.toAbsolutePath()
                            + " nor on the classpath");
                }
                return yaml.readTree(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SPEC_FILE, e);
        }
    }

    /**
     * Fails with an {@link AssertionError} unless the response conforms to the spec.
     *
     * @param requestPath request path, optionally with a query string
     * @param contentType response Content-Type header, or {@code null}
     * @param body        response body; {@code null} or empty when there is none
     */
    public void assertValidResponse(String method, String requestPath, int status, String contentType, byte[] body) {
        String path = stripQuery(requestPath);
        String where = method.toUpperCase(Locale.ROOT) + " " + path + " -> " + status;
        byte[] bytes = body == null ? new byte[0] : body;

        Optional<String> template = matchTemplate(path);
        if (template.isEmpty()) {
            check(status >= 400, where, "path is not in the spec, so the response must be an error");
            validate(where, ERROR_SCHEMA, parseJson(where, bytes));
            return;
        }
        String pathPointer = "/paths/" + escape(template.get());
        String operationPointer = pathPointer + "/" + method.toLowerCase(Locale.ROOT);
        if (document.at(operationPointer).isMissingNode()) {
            check(status == 404 || status == 405, where,
                    "method is not declared for " + template.get() + ", so the status must be 404 or 405");
            validate(where, ERROR_SCHEMA, parseJson(where, bytes));
            return;
        }

        JsonNode responses = document.at(operationPointer + "/responses");
        String code = responses.has(String.valueOf(status)) ? String.valueOf(status) : "default";
        check(responses.has(code), where, "status not declared for " + template.get() + "; declared: "
                + fieldNames(responses));
        String responsePointer = followRefs(operationPointer + "/responses/" + code);

        JsonNode content = document.at(responsePointer + "/content");
        if (content.isMissingNode() || content.isEmpty()) {
            check(bytes.length == 0, where, "response declares no content but the body has " + bytes.length
                    + " bytes: " + preview(bytes));
            return;
        }
        check(bytes.length > 0, where, "response declares content " + fieldNames(content) + " but the body is empty");
        String mediaType = declaredMediaType(where, content, contentType);
        String schemaPointer = responsePointer + "/content/" + escape(mediaType) + "/schema";
        if (document.at(schemaPointer).isMissingNode()) {
            return;
        }
        JsonNode instance = isJson(mediaType)
                ? parseJson(where, bytes)
                : TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8));
        validate(where, schemaPointer, instance);
    }

    private Optional<String> matchTemplate(String path) {
        String[] segments = path.split("/", -1);
        return pathTemplates.stream()
                .filter(template -> matches(template.split("/", -1), segments))
                .min(Comparator.comparing(OpenApiContract::specificityKey));
    }

    private static boolean matches(String[] template, String[] segments) {
        if (template.length != segments.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            boolean matched = isParameter(template[i]) ? !segments[i].isEmpty() : template[i].equals(segments[i]);
            if (!matched) {
                return false;
            }
        }
        return true;
    }

    /** Orders templates so that, at the first segment where they differ, a literal beats a {@code {param}}. */
    private static String specificityKey(String template) {
        StringBuilder key = new StringBuilder();
        for (String segment : template.split("/", -1)) {
            key.append(isParameter(segment) ? '1' : '0');
        }
        return key.toString();
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private String followRefs(String pointer) {
        JsonNode ref = document.at(pointer + "/$ref");
        return ref.isTextual() ? followRefs(ref.asText().substring(1)) : pointer;
    }

    private static String declaredMediaType(String where, JsonNode content, String contentType) {
        if (contentType != null) {
            String actual = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (content.has(actual)) {
                return actual;
            }
        }
        check(content.size() == 1, where, "Content-Type " + contentType + " matches none of " + fieldNames(content));
        return content.fieldNames().next();
    }

    private void validate(String where, String schemaPointer, JsonNode instance) {
        JsonSchema schema = schemasByPointer.computeIfAbsent(schemaPointer, pointer ->
                schemaFactory.getSchema(SchemaLocation.of(DOCUMENT_URI + "#" + pointer), schemaConfig));
        Set<ValidationMessage> errors = schema.validate(instance);
        check(errors.isEmpty(), where, "body does not match " + schemaPointer + ":\n  "
                + errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("\n  "))
                + "\nbody: " + instance);
    }

    private static JsonNode parseJson(String where, byte[] body) {
        check(body.length > 0, where, "expected a JSON body but the body is empty");
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError(where + ": body is not JSON (" + e.getOriginalMessage() + "): " + preview(body), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static void check(boolean condition, String where, String message) {
        if (!condition) {
            throw new AssertionError(where + ": " + message);
        }
    }

    private static String stripQuery(String requestPath) {
        int query = requestPath.indexOf('?');
        return query < 0 ? requestPath : requestPath.substring(0, query);
    }

    /** JSON Pointer token escaping (RFC 6901). */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return List.copyOf(names);
    }

    private static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }
}
