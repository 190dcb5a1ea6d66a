package io.github.st2chatops.gateway.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.st2chatops.gateway.alias.AliasCatalog;
import io.github.st2chatops.gateway.alias.AliasCatalogHolder;
import io.github.st2chatops.gateway.alias.AliasDefinition;
import io.github.st2chatops.gateway.alias.CatalogStatus;
import io.github.st2chatops.gateway.alias.InvalidFormat;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The alias catalog as the gateway holds it: aliases, formats, sync status and the
 * formats st2 would reject.
 */
@RestController
@RequestMapping(path = "/api/v1/aliases", produces = MediaType.APPLICATION_JSON_VALUE)
class AliasController {

	private final AliasCatalogHolder catalogs;

	AliasController(AliasCatalogHolder catalogs) {
		this.catalogs = catalogs;
	}

	@GetMapping
	CatalogResponse catalog() {
		AliasCatalog catalog = this.catalogs.current();
		CatalogStatus status = this.catalogs.status();
		return new CatalogResponse(
				new Status(status.loaded(), status.aliasCount(), status.enabledCount(), status.lastSuccess(),
						status.lastAttempt(), status.lastError()),
				catalog.aliases().stream().map(Alias::from).toList(),
				status.invalidFormats().stream().map(Invalid::from).toList());
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record CatalogResponse(Status status, List<Alias> aliases,
			@JsonProperty("invalid_formats") List<Invalid> invalidFormats) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Status(boolean loaded, int aliases, int enabled, @JsonProperty("last_success") Instant lastSuccess,
			@JsonProperty("last_attempt") Instant lastAttempt, @JsonProperty("last_error") String lastError) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Alias(String ref, String pack, String name, String description, boolean enabled, List<Object> formats) {

		static Alias from(AliasDefinition alias) {
			return new Alias(alias.ref(), alias.pack(), alias.name(), alias.description(), alias.enabled(),
					alias.formats());
		}

	}

	record Invalid(String alias, String format, String reason) {

		static Invalid from(InvalidFormat invalid) {
			return new Invalid(invalid.aliasRef(), invalid.format(), invalid.reason());
		}

	}

}
