package io.github.st2chatops.gateway.st2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Accepts the settings of st2chatops.env (hubot-stackstorm's environment variables, which
 * stackstorm-ha also ships in its {@code <release>-st2-urls} ConfigMap and its auth
 * Secret) as alternatives of the {@code gateway.st2.*} settings.
 * <p>
 * A {@code gateway.st2.*} setting wins; when both are set and disagree, start-up stops
 * with an error naming both. The URL names take st2chatops' form: {@code ST2_API_URL} is
 * st2's API without its version ({@code https://st2.example.com/api} behind nginx, or
 * {@code http://st2-st2api:9101/} inside the cluster), so {@code /v1} is appended. Of the
 * credentials, the first set of {@code ST2_API_KEY}, {@code ST2_AUTH_TOKEN} and
 * {@code ST2_AUTH_USERNAME} with {@code ST2_AUTH_PASSWORD} is used, and none of them when
 * a {@code gateway.st2} credential of another kind is set: stackstorm-ha's auth Secret
 * can sit beside an API key without a conflict.
 * <p>
 * The values go into a property source of the lowest precedence, named
 * {@value #PROPERTY_SOURCE_NAME}; nothing is logged, as some of them are secrets.
 */
public class St2ChatopsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Name of the property source holding the translated st2chatops settings.
	 */
	public static final String PROPERTY_SOURCE_NAME = "st2chatopsEnvironment";

	private static final List<UrlName> URL_NAMES = List.of(
			new UrlName("ST2_API_URL", "api-url", "/api/v1", St2ChatopsEnvironmentPostProcessor::versioned),
			new UrlName("ST2_AUTH_URL", "auth-url", "/auth/v1", St2ChatopsEnvironmentPostProcessor::versioned),
			new UrlName("ST2_STREAM_URL", "stream-url", "/stream/v1", St2ChatopsEnvironmentPostProcessor::versioned),
			new UrlName("ST2_WEBUI_URL", "web-url", null, St2ChatopsEnvironmentPostProcessor::withoutTrailingSlash));

	@Override
	public int getOrder() {
		// after the config data (application.yaml, profiles) is loaded, so that every
		// gateway.st2 setting is seen
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> translated = translate(environment);
		if (!translated.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, translated));
		}
	}

	/**
	 * The {@code gateway.st2.*} properties the st2chatops names set in the environment.
	 * @param environment the environment
	 * @return property names and values, possibly empty
	 * @throws St2ChatopsSettingConflictException when an st2chatops name disagrees with a
	 * gateway setting
	 */
	static Map<String, Object> translate(ConfigurableEnvironment environment) {
		Binder binder = Binder.get(environment);
		Map<String, Object> translated = new LinkedHashMap<>();
		List<String> conflicts = new ArrayList<>();
		String url = gateway(binder, "url");
		for (UrlName name : URL_NAMES) {
			String legacy = environment.getProperty(name.variable());
			if (!StringUtils.hasText(legacy)) {
				continue;
			}
			String value = name.normalizer().apply(legacy.strip());
			String explicit = gateway(binder, name.property());
			if (explicit != null) {
				if (!sameUrl(explicit, value)) {
					conflicts.add(name.variable() + " and gateway.st2." + name.property() + " are both set, to "
							+ shown(value) + " and " + shown(explicit));
				}
			}
			else if (url != null && name.suffix() != null) {
				String derived = withoutTrailingSlash(url) + name.suffix();
				if (!sameUrl(derived, value)) {
					conflicts.add(name.variable() + " and gateway.st2.url are both set: " + name.variable() + " is "
							+ shown(value) + " but gateway.st2.url puts it at " + shown(derived));
				}
			}
			else {
				translated.put("gateway.st2." + name.property(), value);
			}
		}
		String route = environment.getProperty("ST2_ROUTE");
		if (StringUtils.hasText(route)) {
			String explicit = gateway(binder, "route");
			if (explicit == null) {
				translated.put("gateway.st2.route", route.strip());
			}
			else if (!explicit.equals(route.strip())) {
				conflicts.add("ST2_ROUTE and gateway.st2.route are both set, to " + route.strip() + " and " + explicit);
			}
		}
		translateCredentials(environment, binder, translated, conflicts);
		if (!conflicts.isEmpty()) {
			throw new St2ChatopsSettingConflictException(conflicts);
		}
		return translated;
	}

	private static void translateCredentials(ConfigurableEnvironment environment, Binder binder,
			Map<String, Object> translated, List<String> conflicts) {
		String apiKey = environment.getProperty("ST2_API_KEY");
		String authToken = environment.getProperty("ST2_AUTH_TOKEN");
		String username = environment.getProperty("ST2_AUTH_USERNAME");
		String password = environment.getProperty("ST2_AUTH_PASSWORD");
		boolean explicitApiKey = gateway(binder, "api-key") != null;
		boolean explicitAuthToken = gateway(binder, "auth-token") != null;
		boolean explicitPassword = gateway(binder, "username") != null || gateway(binder, "password") != null;
		if (explicitApiKey || explicitAuthToken || explicitPassword) {
			// a gateway credential chooses the kind; st2chatops names of that kind must
			// agree
			if (explicitApiKey) {
				credential(binder, "ST2_API_KEY", apiKey, "api-key", translated, conflicts);
			}
			if (explicitAuthToken) {
				credential(binder, "ST2_AUTH_TOKEN", authToken, "auth-token", translated, conflicts);
			}
			if (explicitPassword) {
				credential(binder, "ST2_AUTH_USERNAME", username, "username", translated, conflicts);
				credential(binder, "ST2_AUTH_PASSWORD", password, "password", translated, conflicts);
			}
		}
		else if (StringUtils.hasText(apiKey)) {
			translated.put("gateway.st2.api-key", apiKey.strip());
		}
		else if (StringUtils.hasText(authToken)) {
			translated.put("gateway.st2.auth-token", authToken.strip());
		}
		else {
			if (StringUtils.hasText(username)) {
				translated.put("gateway.st2.username", username.strip());
			}
			if (StringUtils.hasText(password)) {
				// a password is taken as it is: leading or trailing blanks may be part of
				// it
				translated.put("gateway.st2.password", password);
			}
		}
	}

	private static void credential(Binder binder, String variable, String legacy, String property,
			Map<String, Object> translated, List<String> conflicts) {
		if (!StringUtils.hasText(legacy)) {
			return;
		}
		String value = property.equals("password") ? legacy : legacy.strip();
		String explicit = gateway(binder, property);
		if (explicit == null) {
			translated.put("gateway.st2." + property, value);
		}
		else if (!explicit.equals(value)) {
			// never the values: they are secrets (a user name is not, but is shown for
			// none)
			conflicts.add(variable + " and gateway.st2." + property + " are both set, to different values");
		}
	}

	private static String gateway(Binder binder, String property) {
		String value = binder.bind("gateway.st2." + property, String.class).orElse(null);
		return StringUtils.hasText(value) ? value : null;
	}

	/**
	 * A URL as an error message may show it: without user info, which would be a
	 * credential.
	 */
	private static String shown(String url) {
		return url.replaceFirst("//[^/@]*@", "//");
	}

	private static boolean sameUrl(String first, String second) {
		return withoutVersion(first).equals(withoutVersion(second));
	}

	private static String withoutVersion(String url) {
		String text = withoutTrailingSlash(url);
		return text.endsWith("/v1") ? text.substring(0, text.length() - 3) : text;
	}

	/**
	 * st2chatops' form of an st2 service URL, with or without its {@code /v1}, as the
	 * gateway's: always with it. st2's services answer on both.
	 */
	private static String versioned(String url) {
		String text = withoutTrailingSlash(url);
		return text.endsWith("/v1") ? text : text + "/v1";
	}

	private static String withoutTrailingSlash(String url) {
		String text = url.strip();
		while (text.endsWith("/")) {
			text = text.substring(0, text.length() - 1);
		}
		return text;
	}

	private record UrlName(String variable, String property, String suffix, UnaryOperator<String> normalizer) {

	}

}
