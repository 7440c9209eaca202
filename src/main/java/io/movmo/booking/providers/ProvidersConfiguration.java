package io.movmo.booking.providers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

@Configuration(proxyBeanMethods = false)
class ProvidersConfiguration {

    @Bean
    ProviderCatalog providerCatalog(@Value("${movmo.providers.catalog:classpath:providers/catalog.yml}") Resource catalog) {
        return ProviderCatalog.load(catalog);
    }
}
