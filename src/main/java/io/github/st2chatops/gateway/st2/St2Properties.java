package io.github.st2chatops.gateway.st2;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway reaches and authenticates to st2 ({@code gateway.st2.*}). Every
 * property can also be set by environment variable ({@code GATEWAY_ST2_URL},
 * {@code GATEWAY_ST2_API_KEY} ...).
 *
 * @param url st2 base URL behind its nginx, e.g. https://st2.example.com
 * @param apiUrl st2 API; default url + /api/v1
 * @param authUrl st2 auth service; default url + /auth/v1
 * @param streamUrl st2 event stream; default url + /stream/v1
 * @param apiKey st2 API key, sent as St2-Api-Key; never expires
 * @param authToken st2 user token, sent as X-Auth-Token; cannot be renewed, so once it
 * expires st2 health goes DOWN
 * @param username st2 user the gateway logs in as, with password; tokens are requested
 * from the auth service and renewed before they expire
 * @param password password of username
 * @param route the notification route sent with every execution
 * @param webUrl st2 web UI base, used when an execution has no web_url
 * @param connectTimeout how long to wait for a connection to st2
 * @param readTimeout how long to wait for st2's answer
 * @param verifyTls whether st2's TLS certificate is verified; switch off only to try
 * things out (prefer ca-bundle for a self-signed st2)
 * @param caBundle PEM file of CA certificates to trust in addition to the JDK's, e.g.
 * st2's self-signed /etc/ssl/st2/st2.crt
 * @param tokenRenewalMargin renew a token this long before it expires; default 10% of its
 * lifetime, at least 60 s (at most half its lifetime)
 * @param ttl token lifetime to ask st2 for (seconds unless a unit is given); st2's
 * auth.token_ttl is the default and the maximum. Only used with username/password
 * @param pageSize page size when listing action-aliases; st2 refuses more than its
 * api.max_page_size (default 100) to non-admin users
 * @param retry how idempotent reads are retried
 */
@Validated
@ValidSt2Properties
@ConfigurationProperties("gateway.st2")
public record St2Properties(URI url, URI apiUrl, URI authUrl, URI streamUrl, String apiKey, String authToken,
		String username, String password, @DefaultValue("chatops-gateway") String route, URI webUrl,
		@DefaultValue("5s") @NotNull Duration connectTimeout, @DefaultValue("30s") @NotNull Duration readTimeout,
		@DefaultValue("true") boolean verifyTls, Path caBundle, Duration tokenRenewalMargin,
		@DurationUnit(ChronoUnit.SECONDS) Duration ttl, @DefaultValue("100") @Min(1) @Max(10000) int pageSize,
		@DefaultValue @Valid Retry retry) {

	static final String REDACTED = "******";

	public St2Properties {
		url = withoutTrailingSlash(url);
		apiUrl = (apiUrl != null) ? withoutTrailingSlash(apiUrl) : derive(url, "/api/v1");
		authUrl = (authUrl != null) ? withoutTrailingSlash(authUrl) : derive(url, "/auth/v1");
		streamUrl = (streamUrl != null) ? withoutTrailingSlash(streamUrl) : derive(url, "/stream/v1");
		webUrl = withoutTrailingSlash(webUrl);
		route = StringUtils.hasText(route) ? route : "chatops-gateway";
	}

	/**
	 * Which of the three ways to authenticate is configured.
	 * @return the mode, or {@code null} when the configuration is invalid
	 */
	public St2AuthMode authMode() {
		if (StringUtils.hasText(this.apiKey) && !StringUtils.hasText(this.authToken) && !hasUserOrPassword()) {
			return St2AuthMode.API_KEY;
		}
		if (StringUtils.hasText(this.authToken) && !StringUtils.hasText(this.apiKey) && !hasUserOrPassword()) {
			return St2AuthMode.AUTH_TOKEN;
		}
		if (StringUtils.hasText(this.username) && StringUtils.hasText(this.password)
				&& !StringUtils.hasText(this.apiKey) && !StringUtils.hasText(this.authToken)) {
			return St2AuthMode.PASSWORD;
		}
		return null;
	}

	boolean hasUserOrPassword() {
		return StringUtils.hasText(this.username) || StringUtils.hasText(this.password);
	}

	private static URI derive(URI base, String path) {
		return (base != null) ? URI.create(base + path) : null;
	}

	private static URI withoutTrailingSlash(URI uri) {
		if (uri == null) {
			return null;
		}
		String text = uri.toString();
		while (text.endsWith("/")) {
			text = text.substring(0, text.length() - 1);
		}
		return URI.create(text);
	}

	private static String redact(String secret) {
		return (secret != null) ? REDACTED : null;
	}

	@Override
	public String toString() {
		return "St2Properties[url=" + this.url + ", apiUrl=" + this.apiUrl + ", authUrl=" + this.authUrl
				+ ", streamUrl=" + this.streamUrl + ", apiKey=" + redact(this.apiKey) + ", authToken="
				+ redact(this.authToken) + ", username=" + this.username + ", password=" + redact(this.password)
				+ ", route=" + this.route + ", webUrl=" + this.webUrl + ", connectTimeout=" + this.connectTimeout
				+ ", readTimeout=" + this.readTimeout + ", verifyTls=" + this.verifyTls + ", caBundle=" + this.caBundle
				+ ", tokenRenewalMargin=" + this.tokenRenewalMargin + ", ttl=" + this.ttl + ", pageSize="
				+ this.pageSize + ", retry=" + this.retry + "]";
	}

	/**
	 * Retries of idempotent reads (never of an execution st2 may have received).
	 *
	 * @param maxRetries retries after the first attempt
	 * @param delay first back-off, doubled on each retry (with jitter), at most 2 s
	 */
	public record Retry(@DefaultValue("2") @Min(0) @Max(10) int maxRetries,
			@DefaultValue("200ms") @NotNull Duration delay) {

	}

}
