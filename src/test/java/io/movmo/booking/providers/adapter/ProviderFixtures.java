package io.movmo.booking.providers.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.movmo.booking.providers.port.NormalizedOffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The provider contracts' examples: JSON files under {@code src/test/resources/<provider>/}, which are also the examples
 * in {@code docs/providers/<provider>.md} (each preceded there by {@code <!-- example: <provider>/<file> -->}).
 */
public final class ProviderFixtures {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Pattern DOC_EXAMPLE =
            Pattern.compile("<!-- example: (\\S+) -->\\s*```json\\n(.*?)```", Pattern.DOTALL);

    private ProviderFixtures() {}

    /** The fixture's text, as WireMock answers it. */
    public static String text(String path) {
        try (InputStream in = ProviderFixtures.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as("fixture %s", path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode json(String path) {
        return (ObjectNode) JSON.readTree(text(path));
    }

    /** The fixture with {@code change} applied to a copy. */
    public static ObjectNode json(String path, Consumer<ObjectNode> change) {
        ObjectNode node = json(path);
        change.accept(node);
        return node;
    }

    /** The examples of a contract document, by fixture path, in document order. */
    public static Map<String, JsonNode> docExamples(Path doc) throws IOException {
        Map<String, JsonNode> examples = new LinkedHashMap<>();
        Matcher matcher = DOC_EXAMPLE.matcher(Files.readString(doc));
        while (matcher.find()) {
            JsonNode previous = examples.put(matcher.group(1), JSON.readTree(matcher.group(2)));
            assertThat(previous).as("example %s appears twice in %s", matcher.group(1), doc).isNull();
        }
        return examples;
    }

    /** The fixture files of a provider ({@code darwin/availability-response.json}, …). */
    public static Stream<String> fixtureFiles(String provider) throws IOException {
        Path dir = Path.of("src/test/resources", provider);
        return Files.list(dir).map(p -> provider + "/" + p.getFileName()).sorted();
    }

    /**
     * A normalized offer in the partner API's {@code Offer} shape (minus the engine's own id, provider id and
     * timestamps), amounts as decimal strings at the currency's scale, so it can be compared with a fixture.
     */
    public static ObjectNode offerJson(NormalizedOffer offer) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode out = f.objectNode();
        out.put("provider_offer_id", offer.providerOfferId());
        out.put("expires_at", offer.expiresAt().toString());
        out.put("total_amount", offer.total().amount().toPlainString());
        out.put("total_currency", offer.total().currency().getCurrencyCode());
        out.put("base_amount", offer.base().amount().toPlainString());
        out.put("base_currency", offer.base().currency().getCurrencyCode());
        out.put("tax_amount", offer.tax() == null ? null : offer.tax().amount().toPlainString());
        out.put("tax_currency", offer.tax() == null ? null : offer.tax().currency().getCurrencyCode());
        out.put("total_emissions_kg", offer.totalEmissionsKg());
        out.put("passenger_identity_documents_required", offer.passengerIdentityDocumentsRequired());
        ArrayNode types = out.putArray("supported_passenger_identity_document_types");
        offer.supportedPassengerIdentityDocumentTypes().forEach(types::add);
        ArrayNode loyalty = out.putArray("supported_loyalty_programmes");
        offer.supportedLoyaltyProgrammes().forEach(loyalty::add);
        out.set("owner", offer.owner());
        out.set("passengers", offer.passengers());
        out.set("slices", offer.slices());
        out.set("conditions", offer.conditions());
        out.set("payment_requirements", offer.paymentRequirements());
        if (offer.privateFares() != null) {
            out.set("private_fares", offer.privateFares());
        }
        if (offer.availableServices() != null) {
            out.set("available_services", offer.availableServices());
        }
        out.set("fare_class_metadata", offer.fareClassMetadata());
        return out;
    }
}
