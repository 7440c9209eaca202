package io.movmo.booking.profile.contact.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.movmo.booking.profile.contact.ContactDeliveryException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpointsmsvoicev2.PinpointSmsVoiceV2Client;

/** End User Messaging SMS spoken to as AWS JSON 1.0 by WireMock: what is sent, and what every failure turns into. */
class EndUserMessagingSmsSenderTest {

    @RegisterExtension
    static WireMockExtension sms = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String ORIGINATION = "arn:aws:sms-voice:eu-west-1:111122223333:pool/pool-0123456789abcdef";
    private static final String PHONE = "+447700900123";
    private static final String BODY = "Your Movmo code is 482913. It expires in 10 minutes.";
    private static final StaticCredentialsProvider DUMMY_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "dummy-secret-key"));

    private PinpointSmsVoiceV2Client client;
    private EndUserMessagingSmsSender sender;

    @BeforeEach
    void sender() {
        // Retries off: these tests are about what one answer turns into; the production client's are tested below.
        client = PinpointSmsVoiceV2Client.builder()
                .endpointOverride(URI.create(sms.baseUrl()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(DUMMY_CREDENTIALS)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        sender = new EndUserMessagingSmsSender(client, ORIGINATION);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void sendsATransactionalTextFromTheConfiguredOriginationIdentity() {
        stub(json(200, "{\"MessageId\":\"0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\"}"));

        assertThatNoException().isThrownBy(() -> sender.send(PHONE, BODY));

        sms.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("PinpointSMSVoiceV2.SendTextMessage"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.0"))
                .withHeader("Authorization", matching(
                        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/eu-west-1/sms-voice/aws4_request, .*"))
                .withRequestBody(equalToJson("{\"DestinationPhoneNumber\":\"" + PHONE + "\",\"OriginationIdentity\":\""
                        + ORIGINATION + "\",\"MessageBody\":\"" + BODY + "\",\"MessageType\":\"TRANSACTIONAL\"}")));
    }

    @ParameterizedTest
    @CsvSource({
            "400, ValidationException",
            "400, ThrottlingException",
            "400, ConflictException",
            "400, AccessDeniedException",
            "402, ServiceQuotaExceededException",
            "404, ResourceNotFoundException",
            "500, InternalServerException"})
    void aServiceRefusalIsADeliveryFailureNamingTheAwsErrorButNeitherNumberNorBody(int status, String awsError) {
        // The service's own message may echo the destination: it must go nowhere. (InternalServerException models a
        // RequestId member of its own, so the SDK leaves requestId() empty: the id comes from the header.)
        stub(json(status, "{\"__type\":\"" + awsError + "\",\"message\":\"cannot send to " + PHONE + ": " + BODY
                + "\",\"Reason\":\"DESTINATION_PHONE_NUMBER_OPTED_OUT\"}")
                .withHeader("x-amzn-RequestId", "req-7"));

        assertThatThrownBy(() -> sender.send(PHONE, BODY))
                .isExactlyInstanceOf(ContactDeliveryException.class)
                .hasMessage("SMS SendTextMessage failed: " + awsError + " (HTTP " + status + ", request id req-7)")
                .hasNoCause()
                .satisfies(e -> assertThat(e.toString()).doesNotContain(PHONE, "482913"));
    }

    @Test
    void anUnreadableAnswerIsADeliveryFailure() {
        stub(aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody("<html>Bad gateway</html>"));

        assertThatThrownBy(() -> sender.send(PHONE, BODY))
                .isExactlyInstanceOf(ContactDeliveryException.class)
                .hasMessageStartingWith("SMS SendTextMessage failed: ")
                .hasMessageContaining("HTTP 502")
                .satisfies(e -> assertThat(e.toString()).doesNotContain(PHONE));
    }

    @Test
    void theProductionClientSignsForTheConfiguredRegionAndRetriesThrottlingThreeTimesInAll() {
        stub(json(400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"));

        try (PinpointSmsVoiceV2Client production = EndUserMessagingSmsSender.client(
                properties("eu-central-1", Duration.ofSeconds(5), Duration.ofSeconds(10)), DUMMY_CREDENTIALS)) {
            assertThatThrownBy(() -> new EndUserMessagingSmsSender(production, ORIGINATION).send(PHONE, BODY))
                    .isExactlyInstanceOf(ContactDeliveryException.class)
                    .hasMessageStartingWith("SMS SendTextMessage failed: ThrottlingException (HTTP 400");
        }

        sms.verify(3, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("PinpointSMSVoiceV2.SendTextMessage"))
                .withHeader("Authorization", matching(".*/eu-central-1/sms-voice/aws4_request, .*")));
    }

    @Test
    void theProductionClientGivesUpAfterTheApiCallTimeout() {
        stub(json(200, "{\"MessageId\":\"m-1\"}").withFixedDelay(3_000));

        long started = System.nanoTime();
        try (PinpointSmsVoiceV2Client production = EndUserMessagingSmsSender.client(
                properties("eu-west-1", Duration.ofSeconds(5), Duration.ofMillis(500)), DUMMY_CREDENTIALS)) {
            assertThatThrownBy(() -> new EndUserMessagingSmsSender(production, ORIGINATION).send(PHONE, BODY))
                    .isExactlyInstanceOf(ContactDeliveryException.class)
                    .hasMessage("SMS SendTextMessage failed: ApiCallTimeoutException")
                    .hasCauseInstanceOf(ApiCallTimeoutException.class)
                    .satisfies(e -> assertThat(e.toString() + e.getCause()).doesNotContain(PHONE, "482913"));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void theProductionClientStopsWaitingForASilentServiceAfterTheReadTimeout() {
        stub(json(200, "{\"MessageId\":\"m-1\"}").withFixedDelay(5_000));

        long started = System.nanoTime();
        try (PinpointSmsVoiceV2Client production = EndUserMessagingSmsSender.client(
                properties("eu-west-1", Duration.ofMillis(300), Duration.ofSeconds(30)), DUMMY_CREDENTIALS)) {
            assertThatThrownBy(() -> new EndUserMessagingSmsSender(production, ORIGINATION).send(PHONE, BODY))
                    .isExactlyInstanceOf(ContactDeliveryException.class)
                    .hasMessage("SMS SendTextMessage failed: SdkClientException")
                    .hasRootCauseInstanceOf(SocketTimeoutException.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(4_000));
        // An I/O failure is retried: the service may have sent the text each time (see the class's javadoc).
        sms.verify(3, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void refusesToSendWithoutANumberOrABody() {
        assertThatThrownBy(() -> sender.send(" ", BODY)).isExactlyInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sender.send(PHONE, "")).isExactlyInstanceOf(IllegalArgumentException.class);
        sms.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theOriginationIdentityMustBeConfigured() {
        assertThatThrownBy(() -> new EndUserMessagingSmsSender(client, null))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("movmo.contact.aws.sms-origination-identity (MOVMO_CONTACT_SMS_ORIGINATION_IDENTITY) "
                        + "must be set outside the sandbox");
    }

    private static ContactAwsProperties properties(String region, Duration readTimeout, Duration apiCallTimeout) {
        return new ContactAwsProperties(region, null, null, null, ORIGINATION, null, null, URI.create(sms.baseUrl()),
                null, null, readTimeout, apiCallTimeout);
    }

    private static void stub(ResponseDefinitionBuilder response) {
        sms.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("PinpointSMSVoiceV2.SendTextMessage"))
                .willReturn(response));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.0").withBody(body);
    }
}
