package io.movmo.booking.platform.safety;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class SafeguardsConfiguration {

    @Bean
    static ProductionSafeguards productionSafeguards(Environment environment) {
        return new ProductionSafeguards(environment);
    }
}
