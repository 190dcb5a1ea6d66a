package io.github.st2chatops.gateway.st2;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An st2 action-alias as {@code GET /api/v1/actionalias} returns it (st2 OpenAPI
 * {@code ActionAlias}).
 *
 * @param id database id
 * @param name alias name, unique within its pack
 * @param pack pack the alias belongs to
 * @param ref {@code pack.name}
 * @param uid st2 uid ({@code action:pack:name})
 * @param description human description shown by help
 * @param enabled whether st2 accepts executions of this alias; {@code null} means enabled
 * @param actionRef the action the alias runs
 * @param formats each entry either a {@link String} or a {@link Map} with
 * {@code display}, {@code representation} (a string or a list of strings) and optionally
 * {@code match_multiple}
 * @param ack the {@code ack} settings: {@code enabled}, {@code format}, {@code extra},
 * {@code append_url}
 * @param result the {@code result} settings: {@code enabled}, {@code format},
 * {@code extra}
 * @param extra platform specific extras
 * @param immutableParameters parameters the alias always sets
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record St2ActionAlias(String id, String name, String pack, String ref, String uid, String description,
		Boolean enabled, @JsonProperty("action_ref") String actionRef, List<Object> formats, Map<String, Object> ack,
		Map<String, Object> result, Map<String, Object> extra,
		@JsonProperty("immutable_parameters") Map<String, Object> immutableParameters) {

	/**
	 * Whether st2 treats the alias as enabled (st2 defaults a missing flag to true).
	 * @return true unless {@code enabled} is explicitly false
	 */
	public boolean isEnabled() {
		return this.enabled == null || this.enabled;
	}

	/**
	 * The alias reference, derived from pack and name when st2 did not send one.
	 * @return {@code pack.name}
	 */
	public String effectiveRef() {
		return (this.ref != null) ? this.ref : this.pack + "." + this.name;
	}

}
