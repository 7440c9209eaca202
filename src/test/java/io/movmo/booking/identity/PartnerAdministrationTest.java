package io.movmo.booking.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movmo.booking.web.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** A partner's id is derived from its name, and a name that gives no usable id is refused. */
class PartnerAdministrationTest {

    @Test
    void partnerIdIsTheLowercaseAsciiSlugOfTheName() {
        assertThat(PartnerAdministration.slug("Aviare")).isEqualTo("aviare");
        assertThat(PartnerAdministration.slug("  Sky -- Way Travel!! ")).isEqualTo("sky-way-travel");
        assertThat(PartnerAdministration.slug("Café Aérien 24")).isEqualTo("cafe-aerien-24");
        assertThat(PartnerAdministration.slug("x".repeat(64))).hasSize(64);
    }

    @Test
    void namesThatGiveNoIdOfTwoToSixtyFourCharactersAreBadRequests() {
        for (String name : new String[] {"!", "A", "日本航空", "x".repeat(65)}) {
            assertThatThrownBy(() -> PartnerAdministration.slug(name))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                        assertThat(e.getMessage()).isEqualTo("invalid partner name");
                    });
        }
    }
}
