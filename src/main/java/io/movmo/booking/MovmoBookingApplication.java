package io.movmo.booking;

import io.movmo.booking.identity.PartnerCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Movmo booking engine: one Spring Boot application holding the edge, Axon and the read side. Started with
 * {@code partner …} as its first argument, it runs that admin command instead of serving (see {@link PartnerCommandLine}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MovmoBookingApplication {

    public static void main(String[] args) {
        if (args.length > 0 && PartnerCommandLine.COMMAND.equals(args[0])) {
            System.exit(new PartnerCommandLine().run(args, System.out, System.err));
        }
        SpringApplication.run(MovmoBookingApplication.class, args);
    }
}
