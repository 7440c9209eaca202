package io.movmo.booking.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean that stands in for a real external system or secret so the engine runs offline. The {@code prod}
 * profile refuses to start while any bean so marked is registered.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface SandboxAdapter {}
