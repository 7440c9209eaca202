package io.movmo.booking;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Movmo booking engine: one Spring Boot application holding the edge, Axon and the read side. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MovmoBookingApplication {

    public static void main(String[] args) {
        SpringApplication.run(MovmoBookingApplication.class, args);
    }
}
