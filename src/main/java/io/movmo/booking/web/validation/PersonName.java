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

/** The seed's rule for people's names: 2 to 100 letters (any script), spaces, hyphens or apostrophes, starting with a letter. Null is valid. */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = "[\\p{L}][\\p{L} '\\-]{1,99}")
@ReportAsSingleViolation
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface PersonName {
    String message() default "must be 2 to 100 letters, spaces, hyphens or apostrophes";
    Class<?>[] groups() default {};
    Class<? extends Payload>[] payload() default {};
}
