package io.movmo.booking.profile.contact.aws;

import io.movmo.booking.profile.contact.ContactAlreadyInUseException;
import io.movmo.booking.profile.contact.ContactCodeRejectedException;
import io.movmo.booking.profile.contact.ContactDeliveryException;
import io.movmo.booking.profile.contact.ContactIdentityProvider;
import io.movmo.booking.profile.contact.ContactType;
import io.movmo.booking.profile.contact.IdentityChallenge;
import io.movmo.booking.profile.contact.VerificationCodes.Outcome;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AliasExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExpiredCodeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyFailedAttemptsException;

/**
 * The production {@link ContactIdentityProvider}: the Cognito user pool {@code movmo.contact.aws.user-pool-id}
 * through its app client {@code client-id}, which must allow the {@code ALLOW_USER_AUTH} flow with email OTP as a
 * first factor. If the client has a secret, every call that names a user carries its {@code SECRET_HASH}
 * (Base64 of HMAC-SHA256 under the secret of {@code username + clientId}).
 *
 * <table>
 *   <caption>Operations and what Cognito's answers turn into</caption>
 *   <tr><th>port</th><th>Cognito</th><th>refusals</th></tr>
 *   <tr><td>{@link #challengeIdentity}</td>
 *       <td>{@code AdminInitiateAuth}, {@code USER_AUTH}, {@code PREFERRED_CHALLENGE=EMAIL_OTP}</td>
 *       <td>any refusal, {@code UserNotFoundException} and {@code NotAuthorizedException} included, and any challenge
 *           other than {@code EMAIL_OTP}: {@link ContactDeliveryException}. The caller is a signed-in user, so an
 *           account Cognito will not challenge (missing, disabled, unconfirmed, without a verified email) is a
 *           provider-side state the user cannot fix by retyping anything.</td></tr>
 *   <tr><td>{@link #verifyIdentity}</td><td>{@code AdminRespondToAuthChallenge EMAIL_OTP}</td>
 *       <td rowspan="2">{@code CodeMismatchException}: {@code WRONG}; {@code ExpiredCodeException},
 *           {@code NotAuthorizedException} (expired or used session or token): {@code UNKNOWN};
 *           {@code TooManyFailedAttemptsException}, {@code LimitExceededException}: {@code TOO_MANY_ATTEMPTS}, all as
 *           {@link ContactCodeRejectedException}</td></tr>
 *   <tr><td>{@link #confirmEmailChange}</td><td>{@code VerifyUserAttribute email}</td></tr>
 *   <tr><td>{@link #requestEmailChange}</td><td>{@code UpdateUserAttributes email} (Cognito mails the new address a
 *       code; with "keep original attribute value active" on, the old email stays in force until it is verified)</td>
 *       <td>{@code AliasExistsException}: {@link ContactAlreadyInUseException} (email)</td></tr>
 *   <tr><td>{@link #setVerifiedPhone}</td>
 *       <td>{@code AdminUpdateUserAttributes phone_number, phone_number_verified=true} (so Cognito sends no code)</td>
 *       <td>{@code AliasExistsException}: {@link ContactAlreadyInUseException} (phone)</td></tr>
 * </table>
 *
 * <p>{@code AliasExistsException} also maps to {@link ContactAlreadyInUseException} (email) on
 * {@link #confirmEmailChange}. Every other refusal, 5xx, timeout or I/O failure is a {@link ContactDeliveryException}
 * naming the operation, AWS error code, HTTP status and request id; the service's own message is dropped, as it may
 * echo what was sent. Nothing here logs; no message carries a username, contact value, code, session or token.
 * Throttling, 5xx and I/O errors are retried by the SDK (standard mode), within {@code api-call-timeout}.
 */
public class CognitoContactIdentityProvider implements ContactIdentityProvider, AutoCloseable {

    private final CognitoIdentityProviderClient cognito;
    private final String userPoolId;
    private final String clientId;
    private final String clientSecret;
    private final boolean ownsClient;

    /** Talks to Cognito in {@code region} with the default AWS credentials chain (for the admin calls). */
    public CognitoContactIdentityProvider(ContactAwsProperties properties) {
        this(client(properties, DefaultCredentialsProvider.builder().build()), properties.userPoolId(),
                properties.clientId(), properties.clientSecret(), true);
    }

    /** Uses {@code cognito} as configured; the caller keeps it and closes it. {@code clientSecret} may be null. */
    public CognitoContactIdentityProvider(CognitoIdentityProviderClient cognito, String userPoolId, String clientId,
            String clientSecret) {
        this(cognito, userPoolId, clientId, clientSecret, false);
    }

    private CognitoContactIdentityProvider(CognitoIdentityProviderClient cognito, String userPoolId, String clientId,
            String clientSecret, boolean ownsClient) {
        this.cognito = cognito;
        this.userPoolId = ContactAwsProperties.required(userPoolId, "user-pool-id", "MOVMO_CONTACT_USER_POOL_ID");
        this.clientId = ContactAwsProperties.required(clientId, "client-id", "MOVMO_CONTACT_CLIENT_ID");
        this.clientSecret = clientSecret == null || clientSecret.isBlank() ? null : clientSecret;
        this.ownsClient = ownsClient;
    }

    /** The client the properties describe (see {@link AwsClients#build}). */
    static CognitoIdentityProviderClient client(ContactAwsProperties properties, AwsCredentialsProvider credentials) {
        return AwsClients.build(CognitoIdentityProviderClient.builder(), properties, properties.cognitoEndpoint(),
                credentials);
    }

    @Override
    public IdentityChallenge challengeIdentity(String username) {
        require(username, "username");
        Map<String, String> parameters = withSecretHash(username, Map.of(
                "USERNAME", username,
                "PREFERRED_CHALLENGE", ChallengeNameType.EMAIL_OTP.toString()));
        var response = call("AdminInitiateAuth", e -> null, () -> cognito.adminInitiateAuth(request -> request
                .userPoolId(userPoolId)
                .clientId(clientId)
                .authFlow(AuthFlowType.USER_AUTH)
                .authParameters(parameters)));
        if (response.challengeName() != ChallengeNameType.EMAIL_OTP || response.session() == null) {
            throw new ContactDeliveryException("Cognito AdminInitiateAuth answered " + response.challengeNameAsString()
                    + " instead of an EMAIL_OTP challenge with a session");
        }
        return new IdentityChallenge(response.session(), response.challengeNameAsString());
    }

    @Override
    public String verifyIdentity(String username, String session, String code) {
        require(username, "username");
        require(session, "session");
        require(code, "code");
        Map<String, String> responses = withSecretHash(username, Map.of(
                "USERNAME", username,
                "EMAIL_OTP_CODE", code));
        var response = call("AdminRespondToAuthChallenge", CognitoContactIdentityProvider::codeRefusal,
                () -> cognito.adminRespondToAuthChallenge(request -> request
                        .userPoolId(userPoolId)
                        .clientId(clientId)
                        .challengeName(ChallengeNameType.EMAIL_OTP)
                        .session(session)
                        .challengeResponses(responses)));
        if (response.authenticationResult() == null || response.authenticationResult().accessToken() == null) {
            throw new ContactDeliveryException("Cognito AdminRespondToAuthChallenge answered "
                    + response.challengeNameAsString() + " instead of tokens");
        }
        return response.authenticationResult().accessToken();
    }

    @Override
    public void requestEmailChange(String accessToken, String newEmail) {
        require(accessToken, "access token");
        require(newEmail, "new email");
        call("UpdateUserAttributes", e -> alreadyInUse(e, ContactType.EMAIL),
                () -> cognito.updateUserAttributes(request -> request
                        .accessToken(accessToken)
                        .userAttributes(attribute("email", newEmail))));
    }

    @Override
    public void confirmEmailChange(String accessToken, String code) {
        require(accessToken, "access token");
        require(code, "code");
        call("VerifyUserAttribute", e -> {
            RuntimeException inUse = alreadyInUse(e, ContactType.EMAIL);
            return inUse != null ? inUse : codeRefusal(e);
        }, () -> cognito.verifyUserAttribute(request -> request
                .accessToken(accessToken)
                .attributeName("email")
                .code(code)));
    }

    @Override
    public void setVerifiedPhone(String username, String phoneNumber) {
        require(username, "username");
        require(phoneNumber, "phone number");
        call("AdminUpdateUserAttributes", e -> alreadyInUse(e, ContactType.PHONE),
                () -> cognito.adminUpdateUserAttributes(request -> request
                        .userPoolId(userPoolId)
                        .username(username)
                        .userAttributes(attribute("phone_number", phoneNumber),
                                attribute("phone_number_verified", "true"))));
    }

    @Override
    public void close() {
        if (ownsClient) {
            cognito.close();
        }
    }

    /** Base64(HMAC-SHA256(clientSecret, username + clientId)), as Cognito expects from clients with a secret. */
    static String secretHash(String clientSecret, String username, String clientId) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(hmac.doFinal(
                    (username + clientId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private Map<String, String> withSecretHash(String username, Map<String, String> parameters) {
        if (clientSecret == null) {
            return parameters;
        }
        Map<String, String> withHash = new HashMap<>(parameters);
        withHash.put("SECRET_HASH", secretHash(clientSecret, username, clientId));
        return withHash;
    }

    /** A refused code or session: the user's to fix by retyping or restarting. */
    private static RuntimeException codeRefusal(AwsServiceException e) {
        if (e instanceof CodeMismatchException) {
            return new ContactCodeRejectedException(Outcome.WRONG);
        }
        if (e instanceof ExpiredCodeException || e instanceof NotAuthorizedException) {
            return new ContactCodeRejectedException(Outcome.UNKNOWN);
        }
        if (e instanceof TooManyFailedAttemptsException || e instanceof LimitExceededException) {
            return new ContactCodeRejectedException(Outcome.TOO_MANY_ATTEMPTS);
        }
        return null;
    }

    private static RuntimeException alreadyInUse(AwsServiceException e, ContactType type) {
        return e instanceof AliasExistsException ? new ContactAlreadyInUseException(type) : null;
    }

    /**
     * Runs {@code call}; a service refusal that {@code refusals} knows becomes its answer, anything else a
     * {@link ContactDeliveryException}.
     */
    private static <T> T call(String operation, Function<AwsServiceException, RuntimeException> refusals,
            Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            RuntimeException refusal = refusals.apply(e);
            if (refusal != null) {
                throw refusal;
            }
            throw new ContactDeliveryException("Cognito " + operation + " failed: " + AwsClients.describe(e));
        } catch (SdkException e) {
            throw new ContactDeliveryException("Cognito " + operation + " failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Cognito needs a " + what);
        }
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }
}
