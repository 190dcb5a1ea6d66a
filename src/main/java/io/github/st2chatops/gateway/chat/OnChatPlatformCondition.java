package io.github.st2chatops.gateway.chat;

import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when a property {@link ConditionalOnChatPlatform} names has text: a single
 * value, or any element of a list (Mattermost's tokens, {@code token[0]} or
 * comma-separated). The outcome message names the property, never its value.
 */
class OnChatPlatformCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnChatPlatform.class.getName());
		String[] properties = (String[]) attributes.get("value");
		for (String property : properties) {
			if (isSet(context, property)) {
				return ConditionOutcome.match(property + " is set");
			}
		}
		return ConditionOutcome.noMatch(String.join(" and ", properties) + " not set");
	}

	private static boolean isSet(ConditionContext context, String property) {
		return StringUtils.hasText(context.getEnvironment().getProperty(property))
				|| Binder.get(context.getEnvironment())
					.bind(property, Bindable.listOf(String.class))
					.orElse(List.of())
					.stream()
					.anyMatch(StringUtils::hasText);
	}

}
