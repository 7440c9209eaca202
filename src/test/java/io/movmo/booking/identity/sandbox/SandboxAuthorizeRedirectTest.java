package io.movmo.booking.identity.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The redirect carries the client's state byte for byte, and nothing a client sends can break the header. */
class SandboxAuthorizeRedirectTest {

    @Test
    void encodesEveryParameterOnce() {
        assertThat(SandboxAuthorizeController.location("http://127.0.0.1:9000/cb", "a+b c{x}&é", Map.of("code", "abc")))
                .isEqualTo("http://127.0.0.1:9000/cb?code=abc&state=a%2Bb+c%7Bx%7D%26%C3%A9");
    }

    @Test
    void neverLetsLineBreaksIntoTheHeader() {
        assertThat(SandboxAuthorizeController.location("http://localhost/cb", "x\r\nSet-Cookie: a=b", Map.of("code", "c")))
                .doesNotContain("\r").doesNotContain("\n");
    }

    @Test
    void keepsTheRegisteredUriAsRegistered() {
        assertThat(SandboxAuthorizeController.location("https://partner.example.com/cb?app=aviare%20x", null, Map.of("code", "c")))
                .isEqualTo("https://partner.example.com/cb?app=aviare%20x&code=c");
    }
}
