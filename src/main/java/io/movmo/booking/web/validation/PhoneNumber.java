package io.movmo.booking.web.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An E.164 phone number: {@code +}, a country code not starting with 0, 2 to 15 digits in all. Null is valid. */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = "\\+[1-9][0-9]{1,14}")
@ReportAsSingleViolation
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface PhoneNumber {
    String message() default "must be an E.164 phone number (e.g. +15550142)";
    Class<?>[] groups() default {};
    Class<? extends Payload>[] payload() default {};
}
