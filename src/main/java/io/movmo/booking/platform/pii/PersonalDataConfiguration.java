package io.movmo.booking.platform.pii;

import io.movmo.booking.shared.pii.DataKeyService;
import io.movmo.booking.shared.pii.PersonalDataVault;
import io.movmo.booking.shared.pii.kms.KmsDataKeyService;
import io.movmo.booking.shared.pii.kms.KmsProperties;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Personal data is sealed per subject; data keys come from KMS in production and a local master key offline. */
@Configuration(proxyBeanMethods = false)
class PersonalDataConfiguration {

    @Bean
    @Profile("sandbox")
    LocalDataKeyService localDataKeyService(@Value("${movmo.pii.local-master-key-file}") Path masterKeyFile) {
        return new LocalDataKeyService(masterKeyFile);
    }

    @Bean
    @Profile("!sandbox")
    KmsDataKeyService kmsDataKeyService(KmsProperties properties) {
        return new KmsDataKeyService(properties);
    }

    @Bean
    PersonalDataVault personalDataVault(DataKeyService keys, JdbcClient jdbc) {
        return new EnvelopePersonalDataVault(keys, jdbc);
    }
}
