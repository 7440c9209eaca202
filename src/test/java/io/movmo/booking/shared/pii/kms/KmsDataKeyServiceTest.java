package io.movmo.booking.shared.pii.kms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.movmo.booking.shared.pii.DataKeyService.DataKey;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

class KmsDataKeyServiceTest {

    @RegisterExtension
    static WireMockExtension kms = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String KEY_ID = "alias/movmo-personal-data";
    private static final String KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final byte[] CLEAR_KEY = bytes(32, 7);
    private static final byte[] WRAPPED_KEY = bytes(184, 91);
    private static final StaticCredentialsProvider DUMMY_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "dummy-secret-key"));
    private static final String CONTEXT = "{\"purpose\":\"movmo-personal-data\"}";

    private KmsClient client;
    private KmsDataKeyService service;

    @BeforeEach
    void service() {
        // Retries off: these tests are about what one KMS answer turns into. The production client's retries are
        // covered below, through KmsDataKeyService.client.
        client = KmsClient.builder()
                .endpointOverride(URI.create(kms.baseUrl()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(DUMMY_CREDENTIALS)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        service = new KmsDataKeyService(client, KEY_ID);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void generateAsksKmsForAnAes256KeyUnderTheConfiguredKeyBoundToThePersonalDataContext() {
        stub("GenerateDataKey", json(200, "{\"CiphertextBlob\":\"" + b64(WRAPPED_KEY) + "\",\"Plaintext\":\""
                + b64(CLEAR_KEY) + "\",\"KeyId\":\"" + KEY_ARN + "\"}"));

        DataKey key = service.generate();

        assertThat(key.plain()).isEqualTo(CLEAR_KEY);
        assertThat(key.wrapped()).isEqualTo(WRAPPED_KEY);
        kms.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("TrentService.GenerateDataKey"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                .withHeader("Authorization", matching(
                        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/eu-west-1/kms/aws4_request, .*"))
                .withRequestBody(equalToJson("{\"KeyId\":\"" + KEY_ID + "\",\"KeySpec\":\"AES_256\","
                        + "\"EncryptionContext\":" + CONTEXT + "}")));
    }

    @Test
    void unwrapSendsTheBlobRestrictedToTheConfiguredKeyAndContextAndReturnsTheClearKey() {
        stub("Decrypt", json(200, "{\"Plaintext\":\"" + b64(CLEAR_KEY) + "\",\"KeyId\":\"" + KEY_ARN
                + "\",\"EncryptionAlgorithm\":\"SYMMETRIC_DEFAULT\"}"));

        byte[] clear = service.unwrap(WRAPPED_KEY);

        assertThat(clear).isEqualTo(CLEAR_KEY);
        kms.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("TrentService.Decrypt"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 .*"))
                .withRequestBody(equalToJson("{\"CiphertextBlob\":\"" + b64(WRAPPED_KEY) + "\",\"KeyId\":\""
                        + KEY_ID + "\",\"EncryptionContext\":" + CONTEXT + "}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"InvalidCiphertextException", "IncorrectKeyException"})
    void aBlobThisKeyCannotUnwrapIsNotValidForThisKeyRatherThanUnavailable(String awsError) {
        stub("Decrypt", json(400, "{\"__type\":\"" + awsError + "\",\"message\":\"nope\"}"));

        assertThatThrownBy(() -> service.unwrap(WRAPPED_KEY))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("wrapped data key is not valid for this key (KMS Decrypt: " + awsError + ")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NotFoundException", "DisabledException", "AccessDeniedException"})
    void keyProblemsAreTypedFailuresNamingTheOperationAndTheAwsErrorCode(String awsError) {
        stub("GenerateDataKey", json(400, "{\"__type\":\"" + awsError + "\",\"message\":\"key " + KEY_ARN + "\"}"));

        assertThatThrownBy(service::generate)
                .isInstanceOf(KeyServiceUnavailableException.class)
                .hasMessage("KMS GenerateDataKey failed: " + awsError + " (HTTP 400)");
    }

    @Test
    void aKmsInternalErrorIsATypedFailureThatCarriesNoKeyMaterial() {
        stub("Decrypt", json(500, "{\"__type\":\"KMSInternalException\"}"));

        assertThatThrownBy(() -> service.unwrap(WRAPPED_KEY))
                .isInstanceOf(KeyServiceUnavailableException.class)
                .hasMessage("KMS Decrypt failed: KMSInternalException (HTTP 500)")
                .satisfies(e -> assertThat(e.toString() + e.getCause()).doesNotContain(b64(WRAPPED_KEY)));
        kms.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void generateRejectsADataKeyThatIsNot32Bytes() {
        stub("GenerateDataKey", json(200, "{\"CiphertextBlob\":\"" + b64(WRAPPED_KEY) + "\",\"Plaintext\":\""
                + b64(bytes(16, 7)) + "\",\"KeyId\":\"" + KEY_ARN + "\"}"));

        assertThatThrownBy(service::generate)
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("KMS GenerateDataKey returned a 16-byte data key, expected 32");
    }

    @Test
    void unwrapRejectsADataKeyThatIsNot32Bytes() {
        stub("Decrypt", json(200, "{\"Plaintext\":\"" + b64(bytes(64, 7)) + "\",\"KeyId\":\"" + KEY_ARN + "\"}"));

        assertThatThrownBy(() -> service.unwrap(WRAPPED_KEY))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("KMS Decrypt returned a 64-byte data key, expected 32");
    }

    @Test
    void unwrapRejectsAnAnswerWithoutPlaintext() {
        stub("Decrypt", json(200, "{\"KeyId\":\"" + KEY_ARN + "\"}"));

        assertThatThrownBy(() -> service.unwrap(WRAPPED_KEY))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("KMS Decrypt returned a 0-byte data key, expected 32");
    }

    @Test
    void aServiceWithoutAKeyIdIsRefused() {
        assertThatThrownBy(() -> new KmsDataKeyService(client, " "))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageContaining("movmo.kms.key-id");
    }

    @Test
    void theProductionClientSignsForTheConfiguredRegionAndRetriesAKmsInternalErrorThreeTimesInAll() {
        stub("GenerateDataKey", json(500, "{\"__type\":\"KMSInternalException\"}"));
        KmsProperties properties = new KmsProperties(KEY_ID, "eu-central-1", URI.create(kms.baseUrl()), null);

        try (KmsClient production = KmsDataKeyService.client(properties, DUMMY_CREDENTIALS)) {
            assertThatThrownBy(() -> new KmsDataKeyService(production, KEY_ID).generate())
                    .isInstanceOf(KeyServiceUnavailableException.class)
                    .hasMessage("KMS GenerateDataKey failed: KMSInternalException (HTTP 500)");
        }

        kms.verify(3, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("TrentService.GenerateDataKey"))
                .withHeader("Authorization", matching(".*/eu-central-1/kms/aws4_request, .*")));
    }

    @Test
    void theProductionClientGivesUpAfterTheApiCallTimeout() {
        stub("Decrypt", json(200, "{}").withFixedDelay(3_000));
        KmsProperties properties = new KmsProperties(KEY_ID, "eu-west-1", URI.create(kms.baseUrl()),
                Duration.ofMillis(500));

        long started = System.nanoTime();
        try (KmsClient production = KmsDataKeyService.client(properties, DUMMY_CREDENTIALS)) {
            assertThatThrownBy(() -> new KmsDataKeyService(production, KEY_ID).unwrap(WRAPPED_KEY))
                    .isInstanceOf(KeyServiceUnavailableException.class)
                    .hasMessage("KMS Decrypt failed: ApiCallTimeoutException")
                    .hasCauseInstanceOf(ApiCallTimeoutException.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void theApiCallTimeoutDefaultsToFiveSeconds() {
        assertThat(new KmsProperties(KEY_ID, "eu-west-1", null, null).apiCallTimeout())
                .isEqualTo(Duration.ofSeconds(5));
    }

    private static void stub(String operation, ResponseDefinitionBuilder response) {
        kms.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("TrentService." + operation))
                .willReturn(response));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i);
        }
        return bytes;
    }
}
