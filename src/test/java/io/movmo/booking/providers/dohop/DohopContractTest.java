package io.movmo.booking.providers.dohop;

import static org.assertj.core.api.Assertions.assertThat;

import io.movmo.booking.providers.adapter.ProviderFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code docs/providers/dohop.md} and the adapter's tests speak the same contract: every JSON example in the document
 * is a fixture file the tests use (and the same JSON), every fixture is shown in the document, and every error code
 * the adapter maps is in the document's table.
 */
class DohopContractTest {

    private static final Path DOC = Path.of("docs/providers/dohop.md");

    @Test
    void everyExampleInTheDocumentIsAFixtureTheTestsUse() throws Exception {
        Map<String, JsonNode> examples = ProviderFixtures.docExamples(DOC);

        assertThat(examples).isNotEmpty();
        examples.forEach((fixture, example) -> assertThat(example).as("example %s in %s", fixture, DOC)
                .isEqualTo(ProviderFixtures.json(fixture)));
        assertThat(examples.keySet()).containsExactlyInAnyOrderElementsOf(
                ProviderFixtures.fixtureFiles("dohop").toList());
    }

    @Test
    void everyErrorCodeTheAdapterMapsIsDocumented() throws Exception {
        String doc = Files.readString(DOC);

        DohopFlightProvider.ORDER_ERRORS.keySet().forEach(code -> assertThat(doc).contains("| `" + code + "` |"));
        DohopFlightProvider.CANCELLATION_REFUSALS.forEach(code -> assertThat(doc).contains("| `" + code + "` |"));
        assertThat(doc).contains("dohop-v1").contains("MOVMO_DOHOP_API_KEY").contains("MOVMO_DOHOP_BASE_URL");
    }
}
