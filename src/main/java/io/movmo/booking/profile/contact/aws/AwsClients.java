package io.movmo.booking.profile.contact.aws;

import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;

/** Builds the contact adapters' SDK clients alike: one region, bounded timeouts, the SDK's standard retries. */
final class AwsClients {

    private static final List<String> REQUEST_ID_HEADERS = List.of("x-amzn-RequestId", "x-amz-request-id");

    private AwsClients() {}

    /**
     * Configures {@code builder} from {@code properties}: each connection is bounded by {@code connect-timeout}, each
     * wait for data by {@code read-timeout}, and the whole call by {@code api-call-timeout}. Retries follow the SDK's
     * standard mode whatever the environment says (3 attempts for throttling, 5xx and I/O errors, jittered backoff).
     */
    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, ContactAwsProperties properties, URI endpoint, AwsCredentialsProvider credentials) {
        String region = ContactAwsProperties.required(properties.region(), "region", "MOVMO_CONTACT_REGION");
        builder.region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(properties.connectTimeout())
                        .socketTimeout(properties.readTimeout()))
                .overrideConfiguration(o -> o
                        .apiCallTimeout(properties.apiCallTimeout())
                        .retryStrategy(RetryMode.STANDARD));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    /**
     * A service refusal by its AWS error code, HTTP status and request id (which AWS support can trace), never by the
     * service's own message, which may echo what was sent: {@code ThrottlingException (HTTP 400, request id r-1)}.
     */
    static String describe(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String requestId = requestId(e);
        return (code == null ? "unknown error" : code) + " (HTTP " + e.statusCode()
                + (requestId == null ? "" : ", request id " + requestId) + ")";
    }

    /** Errors that model a {@code RequestId} member of their own (End User Messaging's) leave {@code requestId()} empty. */
    private static String requestId(AwsServiceException e) {
        if (e.requestId() != null || e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null) {
            return e.requestId();
        }
        return e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader(REQUEST_ID_HEADERS).orElse(null);
    }
}
