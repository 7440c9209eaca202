package io.movmo.booking.profile.contact.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
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
import io.movmo.booking.profile.contact.ContactAlreadyInUseException;
import io.movmo.booking.profile.contact.ContactCodeRejectedException;
import io.movmo.booking.profile.contact.ContactDeliveryException;
import io.movmo.booking.profile.contact.IdentityChallenge;
import io.movmo.booking.profile.contact.VerificationCodes.Outcome;
import java.net.URI;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/** Cognito's user-pool API spoken to as AWS JSON 1.1 by WireMock: the requests, and every refusal's mapping. */
class CognitoContactIdentityProviderTest {

    @RegisterExtension
    static WireMockExtension cognito = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String USER_POOL = "eu-west-1_AbCdEfGhI";
    private static final String CLIENT_ID = "4example0client0id0abcdefg";
    private static final String CLIENT_SECRET = "client-secret-0123456789abcdefghijklmnopqrstuvwxyz";
    private static final String USERNAME = "jane.traveler@example.com";
    /** Base64(HMAC-SHA256(CLIENT_SECRET, USERNAME + CLIENT_ID)), computed outside Java (Python's hmac). */
    private static final String SECRET_HASH = "7fHhIQMhQ1SY54keLCsiIkylljDwMkz7jzwDn+ND9XU=";
    private static final String SESSION = "AYABeFsession-opaque-to-us-ZZ";
    private static final String ACCESS_TOKEN = "eyJraWQiOiJhY2Nlc3MifQ.eyJzdWIiOiJqYW5lIn0.c2lnbmF0dXJl";
    private static final String NEW_EMAIL = "jane.traveler+new@example.com";
    private static final String PHONE = "+447700900123";
    private static final String CODE = "423981";
    private static final StaticCredentialsProvider DUMMY_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "dummy-secret-key"));

    private CognitoIdentityProviderClient client;
    private CognitoContactIdentityProvider provider;

    @BeforeEach
    void provider() {
        // Retries off: these tests are about what one answer turns into; the production client's are tested below.
        client = CognitoIdentityProviderClient.builder()
                .endpointOverride(URI.create(cognito.baseUrl()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(DUMMY_CREDENTIALS)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        provider = new CognitoContactIdentityProvider(client, USER_POOL, CLIENT_ID, CLIENT_SECRET);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    // Step 1: challengeIdentity

    @Test
    void challengeIdentityStartsAPasswordlessEmailOtpSignInForTheUserWithTheSecretHash() {
        stub("AdminInitiateAuth", json(200, "{\"ChallengeName\":\"EMAIL_OTP\",\"Session\":\"" + SESSION + "\","
                + "\"ChallengeParameters\":{\"CODE_DELIVERY_DELIVERY_MEDIUM\":\"EMAIL\","
                + "\"CODE_DELIVERY_DESTINATION\":\"j***@e***\"}}"));

        IdentityChallenge challenge = provider.challengeIdentity(USERNAME);

        assertThat(challenge).isEqualTo(new IdentityChallenge(SESSION, "EMAIL_OTP"));
        cognito.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSCognitoIdentityProviderService.AdminInitiateAuth"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                .withHeader("Authorization", matching(
                        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/eu-west-1/cognito-idp/aws4_request, .*"))
                .withRequestBody(equalToJson("{\"UserPoolId\":\"" + USER_POOL + "\",\"ClientId\":\"" + CLIENT_ID
                        + "\",\"AuthFlow\":\"USER_AUTH\",\"AuthParameters\":{\"USERNAME\":\"" + USERNAME
                        + "\",\"PREFERRED_CHALLENGE\":\"EMAIL_OTP\",\"SECRET_HASH\":\"" + SECRET_HASH + "\"}}")));
    }

    @Test
    void theSecretHashIsHmacSha256OfUsernameAndClientIdUnderTheClientSecret() {
        assertThat(CognitoContactIdentityProvider.secretHash(CLIENT_SECRET, USERNAME, CLIENT_ID)).isEqualTo(SECRET_HASH);
    }

    @Test
    void aClientWithoutSecretSendsNoSecretHash() {
        CognitoContactIdentityProvider publicClient = new CognitoContactIdentityProvider(client, USER_POOL, CLIENT_ID, " ");
        stub("AdminInitiateAuth", json(200, "{\"ChallengeName\":\"EMAIL_OTP\",\"Session\":\"" + SESSION + "\"}"));

        publicClient.challengeIdentity(USERNAME);

        cognito.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(equalToJson("{\"UserPoolId\":\"" + USER_POOL
                + "\",\"ClientId\":\"" + CLIENT_ID + "\",\"AuthFlow\":\"USER_AUTH\",\"AuthParameters\":{\"USERNAME\":\""
                + USERNAME + "\",\"PREFERRED_CHALLENGE\":\"EMAIL_OTP\"}}")));
    }

    @Test
    void aChallengeOtherThanEmailOtpIsADeliveryFailure() {
        stub("AdminInitiateAuth", json(200, "{\"ChallengeName\":\"SELECT_CHALLENGE\",\"Session\":\"" + SESSION + "\","
                + "\"AvailableChallenges\":[\"PASSWORD\",\"WEB_AUTHN\"]}"));

        assertThatThrownBy(() -> provider.challengeIdentity(USERNAME))
                .isExactlyInstanceOf(ContactDeliveryException.class)
                .hasMessage("Cognito AdminInitiateAuth answered SELECT_CHALLENGE instead of an EMAIL_OTP challenge "
                        + "with a session");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UserNotFoundException", "NotAuthorizedException", "UserNotConfirmedException"})
    void anAccountCognitoWillNotChallengeIsADeliveryFailureNotTheUsersCodeProblem(String awsError) {
        stub("AdminInitiateAuth", awsError(400, awsError, "User " + USERNAME + " cannot sign in"));

        assertThatThrownBy(() -> provider.challengeIdentity(USERNAME))
                .isExactlyInstanceOf(ContactDeliveryException.class)
                .hasMessage("Cognito AdminInitiateAuth failed: " + awsError + " (HTTP 400, request id req-1)")
                .hasNoCause()
                .satisfies(e -> assertThat(e.toString()).doesNotContain(USERNAME));
    }

    // Step 2: verifyIdentity

    @Test
    void verifyIdentityAnswersTheEmailOtpChallengeAndReturnsTheAccessToken() {
        stub("AdminRespondToAuthChallenge", json(200, "{\"ChallengeParameters\":{},\"AuthenticationResult\":{"
                + "\"AccessToken\":\"" + ACCESS_TOKEN + "\",\"ExpiresIn\":3600,\"TokenType\":\"Bearer\","
                + "\"IdToken\":\"id.token.value\",\"RefreshToken\":\"refresh-token-value\"}}"));

        String accessToken = provider.verifyIdentity(USERNAME, SESSION, CODE);

        assertThat(accessToken).isEqualTo(ACCESS_TOKEN);
        cognito.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSCognitoIdentityProviderService.AdminRespondToAuthChallenge"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 .*"))
                .withRequestBody(equalToJson("{\"UserPoolId\":\"" + USER_POOL + "\",\"ClientId\":\"" + CLIENT_ID
                        + "\",\"ChallengeName\":\"EMAIL_OTP\",\"Session\":\"" + SESSION + "\",\"ChallengeResponses\":{"
                        + "\"USERNAME\":\"" + USERNAME + "\",\"EMAIL_OTP_CODE\":\"" + CODE + "\",\"SECRET_HASH\":\""
                        + SECRET_HASH + "\"}}")));
    }

    @ParameterizedTest
    @CsvSource({
            "CodeMismatchException, WRONG",
            "ExpiredCodeException, UNKNOWN",
            "NotAuthorizedException, UNKNOWN",
            "TooManyFailedAttemptsException, TOO_MANY_ATTEMPTS",
            "LimitExceededException, TOO_MANY_ATTEMPTS"})
    void verifyIdentityTurnsCodeAndSessionRefusalsIntoRejectedCodes(String awsError, Outcome outcome) {
        stub("AdminRespondToAuthChallenge", awsError(400, awsError, "Invalid code or session " + SESSION));

        assertThatThrownBy(() -> provider.verifyIdentity(USERNAME, SESSION, CODE))
                .isExactlyInstanceOf(ContactCodeRejectedException.class)
                .satisfies(e -> assertThat(((ContactCodeRejectedException) e).outcome()).isEqualTo(outcome))
                .satisfies(e -> assertThat(e.toString()).doesNotContain(SESSION, CODE, USERNAME));
    }

    @Test
    void verifyIdentityAnsweredWithAnotherChallengeIsADeliveryFailure() {
        stub("AdminRespondToAuthChallenge", json(200, "{\"ChallengeName\":\"SOFTWARE_TOKEN_MFA\",\"Session\":\"s2\"}"));

        assertThatThrownBy(() -> provider.verifyIdentity(USERNAME, SESSION, CODE))
                .isExactlyInstanceOf(ContactDeliveryException.class)
                .hasMessage("Cognito AdminRespondToAuthChallenge answered SOFTWARE_TOKEN_MFA instead of tokens");
    }

    @ParameterizedTest
    @CsvSource({"400, InvalidParameterException", "400, UserNotFoundException", "500, InternalErrorException"})
    void verifyIdentityTurnsOtherFailuresIntoDeliveryFailures(int status, String awsError) {
        stub("AdminRespondToAuthChallenge", awsError(status, awsError, "something about " + USERNAME));

        assertThatThrownBy(() -> provider.verifyIdentity(USERNAME, SESSION, CODE))
                .isExactlyInstanceOf(ContactDeliveryException.class)
                .hasMessage("Cognito AdminRespondToAuthChallenge failed: " + awsError + " (HTTP " + status
                        + ", request id req-1)")
                .satisfies(e -> assertThat(e.toString()).doesNotContain(USERNAME, SESSION, CODE));
    }

    // Step 2, email: requestEmailChange

    @Test
    void requestEmailChangeSetsTheNewEmailWithTheUsersAccessToken() {
        stub("UpdateUserAttributes", json(200, "{\"CodeDeliveryDetailsList\":[{\"AttributeName\":\"email\","
                + "\"DeliveryMedium\":\"EMAIL\",\"Destination\":\"j***@e***\"}]}"));

        provider.requestEmailChange(ACCESS_TOKEN, NEW_EMAIL);

        cognito.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSCognitoIdentityProviderService.UpdateUserAttributes"))
                .withHeader("Authorization", absent()) // the access token authorizes it, not our AWS credentials
                .withRequestBody(equalToJson("{\"AccessToken\":\"" + ACCESS_TOKEN + "\",\"UserAttributes\":["
                        + "{\"Name\":\"email\",\"Value\":\"" + NEW_EMAIL + "\"}]}")));
    }

    @Test
    void requestEmailChangeToAnEmailOfAnotherAccountIsAlreadyInUse() {
        stub("UpdateUserAttributes", awsError(400, "AliasExistsException", "An account with the given email already exists."));

        assertThatThrownBy(() -> provider.requestEmailChange(ACCESS_TOKEN, NEW_EMAIL))
                .isExactlyInstanceOf(ContactAlreadyInUseException.class)
                .hasMessage("this email is already in use by another account");
    }

    @ParameterizedTest
    @CsvSource({"400, CodeDeliveryFailureException", "400, InvalidParameterException", "500, InternalErrorException"})
    void requestEmailChangeTurnsOtherFailuresIntoDeliveryFailures(int status, String awsError) {
        stub("UpdateUserAttributes", awsError(status, awsError, "cannot send to " + NEW_EMAIL));

        assertThatThrownBy(() -> provider.requestEmailChange(ACCESS_TOKEN, NEW_EMAIL))
                .isExactlyInstanceOf(ContactDeliveryException.class)
                .hasMessageStartingWith("Cognito UpdateUserAttributes failed: " + awsError + " (HTTP " + status)
                .satisfies(e -> assertThat(e.toString()).doesNotContain(NEW_EMAIL, ACCESS_TOKEN));
    }

    // Step 3, email: confirmEmailChange

    @Test
    void confirmEmailChangeVerifiesTheEmailWithTheCodeAndTheUsersAccessToken() {
        stub("VerifyUserAttribute", json(200, "{}"));

        provider.confirmEmailChange(ACCESS_TOKEN, CODE);

        cognito.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSCognitoIdentityProviderService.VerifyUserAttribute"))
                .withRequestBody(equalToJson("{\"AccessToken\":\"" + ACCESS_TOKEN + "\",\"AttributeName\":\"email\","
                        + "\"Code\":\"" + CODE + "\"}")));
    }

    @ParameterizedTest
    @CsvSource({
            "CodeMismatchException, WRONG",
            "ExpiredCodeException, UNKNOWN",
            "NotAuthorizedException, UNKNOWN",
            "TooManyFailedAttemptsException, TOO_MANY_ATTEMPTS",
            "LimitExceededException, TOO_MANY_ATTEMPTS"})
    void confirmEmailChangeTurnsCodeAndTokenRefusalsIntoRejectedCodes(String awsError, Outcome outcome) {
        stub("VerifyUserAttribute", awsError(400, awsError, "Invalid code provided, please request a code again."));

        assertThatThrownBy(() -> provider.confirmEmailChange(ACCESS_TOKEN, CODE))
                .isExactlyInstanceOf(ContactCodeRejectedException.class)
                .satisfies(e -> assertThat(((ContactCodeRejectedException) e).outcome()).isEqualTo(outcome));
    }

    @Test
    void confirmEmailChangeToAnEmailTakenMeanwhileIsAlreadyInUse() {
        stub("VerifyUserAttribute", awsError(400, "AliasExistsException", "An account with the given email already exists."));

        assertThatThrownBy(() -> provider.confirmEmailChange(ACCESS_TOKEN, CODE))
                .isExactlyInstanceOf(ContactAlreadyInUseException.class)
                .hasMessage("this email is already in use by another account");
    }

    // Step 3, phone: setVerifiedPhone

    @Test
    void setVerifiedPhoneRecordsTheNumberAsVerifiedSoCognitoSendsNoCode() {
        stub("AdminUpdateUserAttributes", json(200, "{}"));

        provider.setVerifiedPhone(USERNAME, PHONE);

        cognito.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSCognitoIdentityProviderService.AdminUpdateUserAttributes"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 .*/cognito-idp/aws4_request, .*"))
                .withRequestBody(equalToJson("{\"UserPoolId\":\"" + USER_POOL + "\",\"Username\":\"" + USERNAME
                        + "\",\"UserAttributes\":[{\"Name\":\"phone_number\",\"Value\":\"" + PHONE + "\"},"
                        + "{\"Name\":\"phone_number_verified\",\"Value\":\"true\"}]}")));
    }

    @Test
    void setVerifiedPhoneOfAnotherAccountsNumberIsAlreadyInUse() {
        stub("AdminUpdateUserAttributes", awsError(400, "AliasExistsException", "An account with the given phone_number already exists."));

        assertThatThrownBy(() -> provider.setVerifiedPhone(USERNAME, PHONE))
                .isExactlyInstanceOf(ContactAlreadyInUseException.class)
                .hasMessage("this phone is already in use by another account");
    }

    @Test
    void setVerifiedPhoneForAMissingUserIsADeliveryFailure() {
        stub("AdminUpdateUserAttributes", awsError(400, "UserNotFoundException", "User does not exist."));

        assertThatThrownBy(() -> provider.setVerifiedPhone(USERNAME, PHONE))
                .isExactlyInstanceOf(ContactDeliveryException.class)
                .hasMessage("Cognito AdminUpdateUserAttributes failed: UserNotFoundException (HTTP 400, request id req-1)")
                .satisfies(e -> assertThat(e.toString()).doesNotContain(PHONE, USERNAME));
    }

    // Every operation: 5xx and timeouts

    @ParameterizedTest
    @ValueSource(strings = {"AdminInitiateAuth", "AdminRespondToAuthChallenge", "UpdateUserAttributes",
            "VerifyUserAttribute", "AdminUpdateUserAttributes"})
    void anInternalErrorOfAnyOperationIsADeliveryFailure(String operation) {
        stub(operation, awsError(500, "InternalErrorException", "Internal error"));

        assertThatThrownBy(call(provider, operation))
                .isExactlyInstanceOf(ContactDeliveryException.class)
                .hasMessage("Cognito " + operation + " failed: InternalErrorException (HTTP 500, request id req-1)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AdminInitiateAuth", "AdminRespondToAuthChallenge", "UpdateUserAttributes",
            "VerifyUserAttribute", "AdminUpdateUserAttributes"})
    void theProductionClientGivesUpOnAnyOperationAfterTheApiCallTimeout(String operation) {
        stub(operation, json(200, "{}").withFixedDelay(3_000));

        long started = System.nanoTime();
        try (CognitoIdentityProviderClient production = CognitoContactIdentityProvider.client(
                properties("eu-west-1", Duration.ofMillis(500)), DUMMY_CREDENTIALS)) {
            assertThatThrownBy(call(new CognitoContactIdentityProvider(production, USER_POOL, CLIENT_ID, CLIENT_SECRET),
                    operation))
                    .isExactlyInstanceOf(ContactDeliveryException.class)
                    .hasMessage("Cognito " + operation + " failed: ApiCallTimeoutException")
                    .hasCauseInstanceOf(ApiCallTimeoutException.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void theProductionClientSignsForTheConfiguredRegionAndRetriesThrottlingThreeTimesInAll() {
        stub("AdminUpdateUserAttributes", awsError(400, "TooManyRequestsException", "Rate exceeded"));

        try (CognitoIdentityProviderClient production = CognitoContactIdentityProvider.client(
                properties("eu-central-1", Duration.ofSeconds(10)), DUMMY_CREDENTIALS)) {
            assertThatThrownBy(() -> new CognitoContactIdentityProvider(production, USER_POOL, CLIENT_ID, null)
                    .setVerifiedPhone(USERNAME, PHONE))
                    .isExactlyInstanceOf(ContactDeliveryException.class)
                    .hasMessageStartingWith("Cognito AdminUpdateUserAttributes failed: TooManyRequestsException");
        }

        cognito.verify(3, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSCognitoIdentityProviderService.AdminUpdateUserAttributes"))
                .withHeader("Authorization", matching(".*/eu-central-1/cognito-idp/aws4_request, .*")));
    }

    @Test
    void theUserPoolAndClientMustBeConfigured() {
        assertThatThrownBy(() -> new CognitoContactIdentityProvider(client, "", CLIENT_ID, null))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("movmo.contact.aws.user-pool-id (MOVMO_CONTACT_USER_POOL_ID) must be set outside the sandbox");
        assertThatThrownBy(() -> new CognitoContactIdentityProvider(client, USER_POOL, null, null))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("movmo.contact.aws.client-id (MOVMO_CONTACT_CLIENT_ID) must be set outside the sandbox");
    }

    @Test
    void theRegionMustBeConfigured() {
        assertThatThrownBy(() -> CognitoContactIdentityProvider.client(properties(null, null), DUMMY_CREDENTIALS))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("movmo.contact.aws.region (MOVMO_CONTACT_REGION) must be set outside the sandbox");
    }

    @Test
    void timeoutsDefaultToTwoSecondsToConnectFiveToReadAndTenForAWholeCall() {
        ContactAwsProperties defaults = new ContactAwsProperties("eu-west-1", USER_POOL, CLIENT_ID, null, null, null,
                null, null, null, null, null, null);

        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.readTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.apiCallTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    private static ThrowingCallable call(CognitoContactIdentityProvider provider, String operation) {
        return switch (operation) {
            case "AdminInitiateAuth" -> () -> provider.challengeIdentity(USERNAME);
            case "AdminRespondToAuthChallenge" -> () -> provider.verifyIdentity(USERNAME, SESSION, CODE);
            case "UpdateUserAttributes" -> () -> provider.requestEmailChange(ACCESS_TOKEN, NEW_EMAIL);
            case "VerifyUserAttribute" -> () -> provider.confirmEmailChange(ACCESS_TOKEN, CODE);
            case "AdminUpdateUserAttributes" -> () -> provider.setVerifiedPhone(USERNAME, PHONE);
            default -> throw new IllegalArgumentException(operation);
        };
    }

    private static ContactAwsProperties properties(String region, Duration apiCallTimeout) {
        return new ContactAwsProperties(region, USER_POOL, CLIENT_ID, CLIENT_SECRET, null, null,
                URI.create(cognito.baseUrl()), null, null, null, null, apiCallTimeout);
    }

    private static void stub(String operation, ResponseDefinitionBuilder response) {
        cognito.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSCognitoIdentityProviderService." + operation))
                .willReturn(response));
    }

    private static ResponseDefinitionBuilder awsError(int status, String type, String message) {
        return json(status, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}")
                .withHeader("x-amzn-RequestId", "req-1");
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }
}
