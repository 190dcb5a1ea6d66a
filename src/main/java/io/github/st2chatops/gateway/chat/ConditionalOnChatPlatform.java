package io.github.st2chatops.gateway.chat;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * A chat platform's beans and endpoint exist only when its secret (or one of them) is set
 * to a non-blank value; otherwise the platform is off and its endpoint answers 404. An
 * empty value (e.g. {@code GATEWAY_CHAT_GENERIC_SECRET=}) counts as not set. Every
 * platform's configuration and controller use it with their
 * {@code XProperties.ENABLED_BY}.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnChatPlatformCondition.class)
public @interface ConditionalOnChatPlatform {

	/**
	 * The properties that each switch the platform on, e.g.
	 * {@code gateway.chat.generic.secret}; the platform is on when any of them is set.
	 * @return the property names
	 */
	String[] value();

}
