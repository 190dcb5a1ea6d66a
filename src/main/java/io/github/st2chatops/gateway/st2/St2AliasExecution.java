package io.github.st2chatops.gateway.st2;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The 201 answer of {@code POST /api/v1/aliasexecution}: the execution st2 scheduled and
 * the ack st2 rendered from the alias's {@code ack.format} and {@code ack.extra}.
 *
 * @param execution the scheduled execution
 * @param actionalias the alias as st2 holds it
 * @param message the rendered ack, absent when the alias has no {@code ack.format}
 * @param extra the rendered {@code ack.extra}, absent when the alias has none or st2
 * could not render it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record St2AliasExecution(St2Execution execution, St2ActionAlias actionalias, String message,
		@JsonDeserialize(using = St2AckExtraDeserializer.class) Map<String, Object> extra) {
}
