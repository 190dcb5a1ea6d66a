package io.github.st2chatops.gateway.st2;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * Checks the rules of {@link St2Properties} that span several properties: a base URL, and
 * exactly one way to authenticate.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = St2PropertiesValidator.class)
@interface ValidSt2Properties {

	String message() default "invalid gateway.st2 settings";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
