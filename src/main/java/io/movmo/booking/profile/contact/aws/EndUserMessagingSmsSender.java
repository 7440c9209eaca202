package io.movmo.booking.profile.contact.aws;

import io.movmo.booking.profile.contact.ContactDeliveryException;
import io.movmo.booking.profile.contact.SmsSender;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.pinpointsmsvoicev2.PinpointSmsVoiceV2Client;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.MessageType;

/**
 * The production {@link SmsSender}: AWS End User Messaging SMS ({@code pinpoint-sms-voice-v2}
 * {@code SendTextMessage}), a {@code TRANSACTIONAL} message from the configured origination identity (a phone
 * number, sender id, pool, or their ARN: {@code movmo.contact.aws.sms-origination-identity}).
 *
 * <p>Every failure is a {@link ContactDeliveryException}. The service's own messages can echo the destination
 * number, so a refusal (validation, opt-out, throttling, quota, access, 5xx) is reported by its AWS error code, HTTP
 * status and request id alone, and the service exception is not kept as the cause. Client-side failures (timeouts,
 * I/O) keep theirs, which carry neither number nor body. Throttling, 5xx and I/O errors are retried by the SDK; a
 * timeout after the service accepted the message can therefore send it twice, which is preferred to not sending it.
 * Nothing here logs.
 */
public class EndUserMessagingSmsSender implements SmsSender, AutoCloseable {

    private final PinpointSmsVoiceV2Client sms;
    private final String originationIdentity;
    private final boolean ownsClient;

    /** Talks to End User Messaging SMS in {@code region} with the default AWS credentials chain. */
    public EndUserMessagingSmsSender(ContactAwsProperties properties) {
        this(client(properties, DefaultCredentialsProvider.builder().build()), properties.smsOriginationIdentity(), true);
    }

    /** Uses {@code sms} as configured; the caller keeps it and closes it. */
    public EndUserMessagingSmsSender(PinpointSmsVoiceV2Client sms, String originationIdentity) {
        this(sms, originationIdentity, false);
    }

    private EndUserMessagingSmsSender(PinpointSmsVoiceV2Client sms, String originationIdentity, boolean ownsClient) {
        this.sms = sms;
        this.originationIdentity = ContactAwsProperties.required(originationIdentity, "sms-origination-identity",
                "MOVMO_CONTACT_SMS_ORIGINATION_IDENTITY");
        this.ownsClient = ownsClient;
    }

    /** The client the properties describe (see {@link AwsClients#build}). */
    static PinpointSmsVoiceV2Client client(ContactAwsProperties properties, AwsCredentialsProvider credentials) {
        return AwsClients.build(PinpointSmsVoiceV2Client.builder(), properties, properties.smsEndpoint(), credentials);
    }

    @Override
    public void send(String phoneNumber, String body) {
        if (phoneNumber == null || phoneNumber.isBlank() || body == null || body.isBlank()) {
            throw new IllegalArgumentException("an SMS needs a destination number and a body");
        }
        try {
            sms.sendTextMessage(request -> request
                    .destinationPhoneNumber(phoneNumber)
                    .originationIdentity(originationIdentity)
                    .messageBody(body)
                    .messageType(MessageType.TRANSACTIONAL));
        } catch (AwsServiceException e) {
            throw new ContactDeliveryException("SMS SendTextMessage failed: " + AwsClients.describe(e));
        } catch (SdkException e) {
            throw new ContactDeliveryException("SMS SendTextMessage failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public void close() {
        if (ownsClient) {
            sms.close();
        }
    }
}
