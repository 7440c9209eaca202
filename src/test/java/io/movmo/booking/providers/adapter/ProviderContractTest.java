package io.movmo.booking.providers.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code docs/providers/<provider>.md} and the adapter's tests speak the same contract: every JSON example in the
 * document is a fixture file the tests use (and the same JSON), every fixture is shown in the document, and every error
 * code the adapter maps is in the document's table. Each adapter's contract test extends this.
 */
public abstract class ProviderContractTest {

    private final String provider;
    private final Path doc;

    /** {@code provider} as in the document's and the fixtures' names ({@code darwin}). */
    protected ProviderContractTest(String provider) {
        this.provider = provider;
        this.doc = Path.of("docs/providers/" + provider + ".md");
    }

    /** Every error code the adapter gives a meaning to. */
    protected abstract Collection<String> mappedErrorCodes();

    @Test
    public void everyExampleInTheDocumentIsAFixtureTheTestsUse() throws Exception {
        Map<String, JsonNode> examples = ProviderFixtures.docExamples(doc);

        assertThat(examples).isNotEmpty();
        examples.forEach((fixture, example) -> assertThat(example).as("example %s in %s", fixture, doc)
                .isEqualTo(ProviderFixtures.json(fixture)));
        assertThat(examples.keySet()).containsExactlyInAnyOrderElementsOf(
                ProviderFixtures.fixtureFiles(provider).toList());
    }

    @Test
    public void everyErrorCodeTheAdapterMapsIsDocumented() throws Exception {
        String text = Files.readString(doc);
        String variable = "MOVMO_" + provider.toUpperCase(Locale.ROOT);

        mappedErrorCodes().forEach(code -> assertThat(text).contains("| `" + code + "` |"));
        assertThat(text).contains(provider + "-v1").contains(variable + "_API_KEY").contains(variable + "_BASE_URL");
    }
}
