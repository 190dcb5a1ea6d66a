package io.github.st2chatops.gateway.st2;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import org.springframework.util.StringUtils;

/**
 * Validates {@link St2Properties} as a whole. Errors are reported on the object, never on
 * a field, so that Spring Boot's failure report cannot print a secret as the "rejected
 * value".
 */
class St2PropertiesValidator implements ConstraintValidator<ValidSt2Properties, St2Properties> {

	static final String ONE_WAY = "set exactly one of gateway.st2.api-key, gateway.st2.auth-token, "
			+ "or gateway.st2.username with gateway.st2.password";

	@Override
	public boolean isValid(St2Properties properties, ConstraintValidatorContext context) {
		if (properties == null) {
			return true;
		}
		List<String> errors = errors(properties);
		if (errors.isEmpty()) {
			return true;
		}
		context.disableDefaultConstraintViolation();
		// one violation in a fixed order: Bean Validation keeps violations in a set, so
		// separate ones would be reported in varying order
		String message = String.join("; ", errors);
		// escape EL/message interpolation characters: the messages contain no user input
		// except URLs, which may hold '{' or '$'
		context
			.buildConstraintViolationWithTemplate(message.replace("\\", "\\\\").replace("{", "\\{").replace("$", "\\$"))
			.addConstraintViolation();
		return false;
	}

	static List<String> errors(St2Properties properties) {
		List<String> errors = new ArrayList<>();
		if (properties.apiUrl() == null || properties.authUrl() == null || properties.streamUrl() == null) {
			errors.add("gateway.st2.url is required: st2's base URL behind its nginx, e.g. https://st2.example.com "
					+ "(or set all of gateway.st2.api-url, gateway.st2.auth-url and gateway.st2.stream-url)");
		}
		checkHttpUrl(errors, "gateway.st2.url", properties.url());
		// a URL derived from gateway.st2.url is wrong when that one is: report it once
		checkHttpUrl(errors, "gateway.st2.api-url", explicit(properties.apiUrl(), properties.url(), "/api/v1"));
		checkHttpUrl(errors, "gateway.st2.auth-url", explicit(properties.authUrl(), properties.url(), "/auth/v1"));
		checkHttpUrl(errors, "gateway.st2.stream-url",
				explicit(properties.streamUrl(), properties.url(), "/stream/v1"));
		checkHttpUrl(errors, "gateway.st2.web-url", properties.webUrl());
		List<String> set = new ArrayList<>();
		if (StringUtils.hasText(properties.apiKey())) {
			set.add("gateway.st2.api-key");
		}
		if (StringUtils.hasText(properties.authToken())) {
			set.add("gateway.st2.auth-token");
		}
		if (properties.hasUserOrPassword()) {
			set.add("gateway.st2.username/gateway.st2.password");
		}
		if (set.isEmpty()) {
			errors.add("No st2 credentials are configured: " + ONE_WAY);
		}
		else if (set.size() > 1) {
			errors.add("Conflicting st2 credentials (" + String.join(" and ", set) + " are all set): " + ONE_WAY);
		}
		else if (!properties.hasUserOrPassword()) {
			// api-key or auth-token alone
		}
		else if (!StringUtils.hasText(properties.username())) {
			errors.add("gateway.st2.password is set without gateway.st2.username: " + ONE_WAY);
		}
		else if (!StringUtils.hasText(properties.password())) {
			errors.add("gateway.st2.username is set without gateway.st2.password: " + ONE_WAY);
		}
		checkPositive(errors, "gateway.st2.connect-timeout", properties.connectTimeout());
		checkPositive(errors, "gateway.st2.read-timeout", properties.readTimeout());
		checkPositive(errors, "gateway.st2.token-renewal-margin", properties.tokenRenewalMargin());
		if (properties.ttl() != null && properties.ttl().getSeconds() < 1) {
			errors.add("gateway.st2.ttl must be at least 1 second (st2 takes whole seconds)");
		}
		return errors;
	}

	private static void checkHttpUrl(List<String> errors, String name, URI uri) {
		if (uri == null) {
			return;
		}
		String scheme = uri.getScheme();
		if (uri.getHost() == null || scheme == null
				|| !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
			errors.add(name + " must be an absolute http or https URL, e.g. https://st2.example.com");
		}
		if (uri.getUserInfo() != null) {
			errors.add(name + " must not hold credentials: use gateway.st2.username and gateway.st2.password");
		}
	}

	private static URI explicit(URI url, URI base, String path) {
		return (base != null && url != null && url.toString().equals(base + path)) ? null : url;
	}

	private static void checkPositive(List<String> errors, String name, java.time.Duration duration) {
		if (duration != null && (duration.isNegative() || duration.isZero())) {
			errors.add(name + " must be positive");
		}
	}

}
