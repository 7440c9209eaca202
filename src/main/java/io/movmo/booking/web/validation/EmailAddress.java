package io.movmo.booking.web.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An email address a message can be sent to: one {@code @}, a local part, a domain with a dot, no spaces, at most 254
 * characters (RFC 5321's path limit). Stricter than {@code @Email}, which accepts {@code jane@localhost}. Null is valid.
 */
@Documented
@Constraint(validatedBy = {})
@Size(max = 254)
@Pattern(regexp = "[^\\s@]{1,64}@[^\\s@.]+(\\.[^\\s@.]+)+")
@ReportAsSingleViolation
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface EmailAddress {
    String message() default "must be an email address (e.g. jane@example.com)";
    Class<?>[] groups() default {};
    Class<? extends Payload>[] payload() default {};
}
