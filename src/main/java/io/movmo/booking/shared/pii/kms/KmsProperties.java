package io.movmo.booking.shared.pii.kms;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code movmo.kms.*}, read only where the {@link KmsDataKeyService} is built (prod): {@code key-id} is the KMS key
 * that wraps personal-data keys (key id, key ARN, {@code alias/...} or alias ARN); {@code region} its AWS region (e.g.
 * {@code eu-west-1}); {@code endpoint} an optional override (a VPC endpoint, or a stub in tests);
 * {@code api-call-timeout} bounds a whole call to KMS, retries included.
 */
@ConfigurationProperties("movmo.kms")
public record KmsProperties(
        String keyId,
        String region,
        URI endpoint,
        @DefaultValue("5s") Duration apiCallTimeout) {

    public KmsProperties {
        if (apiCallTimeout == null) {
            apiCallTimeout = Duration.ofSeconds(5);
        }
    }
}
