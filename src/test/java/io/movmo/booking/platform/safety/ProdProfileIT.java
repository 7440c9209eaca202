package io.movmo.booking.platform.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movmo.booking.MovmoBookingApplication;
import io.movmo.booking.identity.ApiKeys;
import io.movmo.booking.platform.database.PostgresServer;
import io.movmo.booking.testing.OpenApiValidatingFilter;
import io.movmo.booking.testing.TestPostgres;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The prod profile starts only on real parts: it refuses sandbox adapters, the embedded database and the built-in
 * issuer, and with a real database and an external issuer it serves partners whose keys and tokens are real.
 */
class ProdProfileIT {

    /** The contact-change adapters' settings (AWS clients are built at start but not called). */
    private static final String CONTACT_REGION = "--movmo.contact.aws.region=eu-west-1";
    private static final String CONTACT_USER_POOL = "--movmo.contact.aws.user-pool-id=eu-west-1_AbCdEfGhI";
    private static final String CONTACT_CLIENT = "--movmo.contact.aws.client-id=4example0client0id0abcdefg";
    private static final String CONTACT_SMS = "--movmo.contact.aws.sms-origination-identity=pool-0123456789abcdef";
    private static final String CONTACT_CODE_TABLE = "--movmo.contact.aws.code-table=movmo-verification-codes";
    /** The Stripe payment gateway's key (the client is built at start but not called). */
    private static final String STRIPE_KEY = "--movmo.stripe.api-key=sk_test_51MovmoProdProfileIT0000000000000000";
    /** The Stripe webhook endpoint's own signing secret (the sandbox's documented one is refused in prod). */
    private static final String STRIPE_WEBHOOK = "--movmo.stripe.webhook.signing-secret=whsec_ProdProfileIT0000000000";
    /** Duffel's access token (the flight provider adapter is built at start but not called). */
    private static final String DUFFEL_TOKEN = "--movmo.providers.duffel.access-token=duffel_test_ProdProfileIT000000000000";
    /** The Amadeus provider's credentials (the client is built at start but not called). */
    private static final String AMADEUS_CLIENT_ID = "--movmo.providers.amadeus.client-id=ProdProfileITAmadeusKey";
    private static final String AMADEUS_CLIENT_SECRET = "--movmo.providers.amadeus.client-secret=ProdProfileITSecret";

    /** The Darwin and Dohop flight-provider adapters' settings (their WebClients are built at start but not called). */
    private static final String DARWIN_URL = "--movmo.providers.darwin.base-url=https://api.darwin.example";
    private static final String DARWIN_KEY = "--movmo.providers.darwin.api-key=dar_test_ProdProfileIT000000000000";
    private static final String DOHOP_URL = "--movmo.providers.dohop.base-url=https://connect.dohop.example";
    private static final String DOHOP_KEY = "--movmo.providers.dohop.api-key=dh_test_ProdProfileIT0000000000000";

    /** Starts the engine with command-line arguments, which win over application.yml as they do in production. */
    private static ConfigurableApplicationContext run(String profiles, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--server.port=0";
        all[1] = "--spring.profiles.active=" + profiles;
        System.arraycopy(args, 0, all, 2, args.length);
        return new SpringApplicationBuilder(MovmoBookingApplication.class).run(all);
    }

    private static Throwable rootOf(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    @Test
    void refusesTheEmbeddedDatabaseAndBuiltInIssuer() {
        assertThatThrownBy(() -> run("prod", "--movmo.database.url=", "--movmo.security.jwt.issuer-uri=").close())
                .extracting(ProdProfileIT::rootOf).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
                .hasMessageContaining("The prod profile refuses to start")
                .hasMessageContaining("MOVMO_DATABASE_URL is not set")
                .hasMessageContaining("MOVMO_JWT_ISSUER_URI is not set")
                .hasMessageContaining("MOVMO_COGNITO_DOMAIN is not set")
                .hasMessageContaining("MOVMO_KMS_KEY_ID");
    }

    @Test
    void refusesSandboxAdapters() {
        assertThatThrownBy(() -> run("prod,sandbox", "--movmo.database.url=" + TestPostgres.get().createDatabase(),
                        "--movmo.security.jwt.issuer-uri=https://issuer.example.com").close())
                .extracting(ProdProfileIT::rootOf).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
                .hasMessageContaining("the sandbox profile is active alongside prod")
                .hasMessageContaining("sandbox adapter SandboxPartner is registered")
                .hasMessageContaining("sandbox adapter SandboxSigningKeys is registered")
                .hasMessageContaining("sandbox adapter LocalDataKeyService is registered");
    }

    @Test
    void refusesADatabaseWhereTheSandboxKeyStillWorks() {
        String database = TestPostgres.get().createDatabase();
        run("sandbox", "--movmo.database.url=" + database).close(); // provisions the sandbox partner's key

        assertThatThrownBy(() -> run("prod", "--movmo.database.url=" + database,
                        "--movmo.security.jwt.issuer-uri=https://issuer.example.com",
                        "--movmo.cognito.domain=https://auth.example.com",
                        "--movmo.kms.key-id=alias/movmo-personal-data", "--movmo.kms.region=eu-west-1",
                        CONTACT_REGION, CONTACT_USER_POOL, CONTACT_CLIENT, CONTACT_SMS, CONTACT_CODE_TABLE,
                        STRIPE_KEY, STRIPE_WEBHOOK, DUFFEL_TOKEN, AMADEUS_CLIENT_ID, AMADEUS_CLIENT_SECRET, DARWIN_URL, DARWIN_KEY, DOHOP_URL, DOHOP_KEY).close())
                .extracting(ProdProfileIT::rootOf).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
                .hasMessageContaining("sandbox or default API key(s) are still active");
    }

    @Test
    void servesPartnersWithRealKeysAndExternalTokens() {
        MockOAuth2Server issuer = new MockOAuth2Server();
        issuer.start();
        try (ConfigurableApplicationContext engine = run("prod",
                "--movmo.database.url=" + TestPostgres.get().createDatabase(),
                "--movmo.security.jwt.issuer-uri=" + issuer.issuerUrl("movmo"),
                "--movmo.security.jwt.jwk-set-uri=" + issuer.jwksUrl("movmo"),
                "--movmo.cognito.domain=" + issuer.issuerUrl("movmo"),
                "--movmo.kms.key-id=alias/movmo-personal-data", "--movmo.kms.region=eu-west-1",
                CONTACT_REGION, CONTACT_USER_POOL, CONTACT_CLIENT, CONTACT_SMS, CONTACT_CODE_TABLE, STRIPE_KEY,
                STRIPE_WEBHOOK, DUFFEL_TOKEN, AMADEUS_CLIENT_ID, AMADEUS_CLIENT_SECRET, DARWIN_URL, DARWIN_KEY, DOHOP_URL, DOHOP_KEY, "--management.server.port=0")) {
            assertThat(engine.getBean(PostgresServer.class).isEmbedded()).isFalse();
            String apiKey = "mk_live_" + UUID.randomUUID();
            JdbcClient jdbc = engine.getBean(JdbcClient.class);
            jdbc.sql("INSERT INTO partner (partner_id, name) VALUES ('aviare', 'Aviare')").update();
            jdbc.sql("INSERT INTO partner_api_key (key_id, partner_id, key_prefix, key_hash) VALUES (:id, 'aviare', :p, :h)")
                    .param("id", UUID.randomUUID()).param("p", ApiKeys.prefix(apiKey)).param("h", ApiKeys.hash(apiKey)).update();

            int port = ((WebServerApplicationContext) engine).getWebServer().getPort();
            WebTestClient client = OpenApiValidatingFilter.validating(WebTestClient.bindToServer().baseUrl("http://localhost:" + port)).build();
            String token = issuer.issueToken("movmo", "sub-1", "movmo-partner-api", Map.of("custom:user_id", java.util.UUID.randomUUID().toString()))
                    .serialize();
            client.get().uri("/v1/flights/providers/active").header("x-api-key", apiKey)
                    .headers(h -> h.setBearerAuth(token))
                    .exchange().expectStatus().isOk();
            String wrongAudience = issuer.issueToken("movmo", "sub-1", "another-api", Map.of("custom:user_id", java.util.UUID.randomUUID().toString())).serialize();
            client.get().uri("/v1/flights/providers/active").header("x-api-key", apiKey)
                    .headers(h -> h.setBearerAuth(wrongAudience))
                    .exchange().expectStatus().isUnauthorized();
            client.get().uri("/.well-known/jwks.json").exchange().expectStatus().isNotFound();
            // Sandbox-only helpers do not exist here: nothing reveals what was sent to anyone.
            client.get().uri("/v1/sandbox/outbox?to=a@example.com").header("x-api-key", apiKey).exchange()
                    .expectStatus().isNotFound();

            // Probes and metrics live on the management port only.
            String managementPort = engine.getEnvironment().getRequiredProperty("local.management.port");
            WebTestClient management = WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
            management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
            management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
            client.get().uri("/actuator/prometheus").header("x-api-key", apiKey).headers(h -> h.setBearerAuth(token))
                    .exchange().expectStatus().isNotFound();
        } finally {
            issuer.shutdown();
        }
    }
}
