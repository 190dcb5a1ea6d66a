package io.github.st2chatops.gateway.chat;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when the property {@link ConditionalOnChatPlatform} names has text. The outcome
 * message names the property, never its value.
 */
class OnChatPlatformCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnChatPlatform.class.getName());
		String property = (String) attributes.get("value");
		if (StringUtils.hasText(context.getEnvironment().getProperty(property))) {
			return ConditionOutcome.match(property + " is set");
		}
		return ConditionOutcome.noMatch(property + " is not set");
	}

}
