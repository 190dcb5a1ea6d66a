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
 * Matches when the property {@link ConditionalOnChatPlatform} names has text: a single
 * value, or any element of a list (Mattermost's tokens, {@code token[0]} or
 * comma-separated). The outcome message names the property, never its value.
 */
class OnChatPlatformCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnChatPlatform.class.getName());
		String property = (String) attributes.get("value");
		boolean set = StringUtils.hasText(context.getEnvironment().getProperty(property))
				|| Binder.get(context.getEnvironment())
					.bind(property, Bindable.listOf(String.class))
					.orElse(List.of())
					.stream()
					.anyMatch(StringUtils::hasText);
		return set ? ConditionOutcome.match(property + " is set") : ConditionOutcome.noMatch(property + " is not set");
	}

}
