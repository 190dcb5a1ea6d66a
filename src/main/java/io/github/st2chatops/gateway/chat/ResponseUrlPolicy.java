package io.github.st2chatops.gateway.chat;

import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which reply URLs ({@code response_url}) of one platform the gateway follows, and which
 * of them the platform no longer takes. A reply URL arrives with a command and comes back
 * in the {@code context} of st2's notification, so it is only followed when its host is
 * one of the platform's own hosts: an exact name ({@code hooks.slack.com}) or a suffix
 * pattern ({@code *.example.com}). Anything else, loopback and private addresses
 * included, is refused, so that a forged context cannot make the gateway call inside the
 * network. Log lines name the host, never the URL (its path is a credential).
 */
public final class ResponseUrlPolicy {

	private static final Logger logger = LoggerFactory.getLogger(ResponseUrlPolicy.class);

	private static final int MAX_REMEMBERED_URLS = 10_000;

	private static final Pattern HOST = Pattern
		.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

	private final String platform;

	private final String property;

	private final Set<String> hosts;

	/** URLs refused or no longer taken, so that later messages go straight to the API. */
	private final Set<String> unusable = ConcurrentHashMap.newKeySet();

	/**
	 * A policy from the configured hosts and the platform's own URLs.
	 * @param platform the platform id, for log lines
	 * @param property the setting that lists the hosts, for log lines and errors
	 * @param configured the configured host names or {@code *.suffix} patterns
	 * @param platformUrls URLs of the platform the gateway already talks to (its API);
	 * their hosts are allowed too
	 */
	public ResponseUrlPolicy(String platform, String property, Collection<String> configured, URI... platformUrls) {
		this.platform = platform;
		this.property = property;
		Set<String> allowed = new LinkedHashSet<>(checkedHosts(property, configured));
		for (URI url : platformUrls) {
			if (url != null && url.getHost() != null) {
				allowed.add(url.getHost().toLowerCase(Locale.ROOT));
			}
		}
		this.hosts = Set.copyOf(allowed);
	}

	/**
	 * Checks configured hosts, as a properties record does at start-up.
	 * @param property the setting, named in the error
	 * @param configured the configured hosts, may be {@code null}
	 * @return the hosts, lower case, blanks dropped
	 * @throws IllegalArgumentException naming the property when an entry is not a host
	 * name or {@code *.suffix} pattern
	 */
	public static List<String> checkedHosts(String property, Collection<String> configured) {
		if (configured == null) {
			return List.of();
		}
		List<String> hosts = configured.stream()
			.filter((host) -> host != null && !host.isBlank())
			.map((host) -> host.strip().toLowerCase(Locale.ROOT))
			.toList();
		for (String host : hosts) {
			if (!HOST.matcher(host).matches()) {
				throw new IllegalArgumentException(property + " must list host names such as hooks.slack.com or "
						+ "*.example.com (no scheme, port or path), not '" + host + "'");
			}
		}
		return hosts;
	}

	/**
	 * Why a reply URL is refused.
	 * @param url the URL
	 * @return a sentence naming the host (never the URL), empty when it may be followed
	 */
	public Optional<String> refusal(String url) {
		URI uri;
		try {
			uri = URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			return Optional.of("The " + this.platform + " response_url is not a valid URL.");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : null;
		if (!("https".equals(scheme) || "http".equals(scheme)) || host == null || uri.getRawUserInfo() != null) {
			return Optional.of("The " + this.platform + " response_url is not an http(s) URL with a host.");
		}
		if (!permits(host)) {
			return Optional.of("The " + this.platform + " response_url points to host '" + host
					+ "', which is not one of the platform's hosts (" + this.property + ").");
		}
		return Optional.empty();
	}

	/**
	 * Whether a sender should try the reply URL of an address: there is one, it is
	 * allowed, and the platform has not stopped taking it. A refused URL is logged once.
	 * @param address the address
	 * @return true to post through {@link ChatAddress#responseUrl()}
	 */
	public boolean shouldTry(ChatAddress address) {
		String url = address.responseUrl();
		if (url == null || this.unusable.contains(url)) {
			return false;
		}
		Optional<String> refusal = refusal(url);
		if (refusal.isPresent()) {
			logger.warn("{} Not following it for channel {}; posting with the bot token instead.", refusal.get(),
					address.channel());
			remember(url);
			return false;
		}
		return true;
	}

	/**
	 * Records that the platform no longer takes a reply URL (expired, used up), so later
	 * messages go straight to the API.
	 * @param address the address whose URL failed
	 */
	public void unusable(ChatAddress address) {
		logger.info("{} no longer takes the response_url of a command in channel {}; posting with the bot token "
				+ "instead", this.platform, address.channel());
		remember(address.responseUrl());
	}

	private void remember(String url) {
		if (this.unusable.size() >= MAX_REMEMBERED_URLS) {
			this.unusable.clear();
		}
		this.unusable.add(url);
	}

	private boolean permits(String host) {
		String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		for (String allowed : this.hosts) {
			if (allowed.startsWith("*.") ? bare.endsWith(allowed.substring(1)) : bare.equals(allowed)) {
				return true;
			}
		}
		return false;
	}

}
