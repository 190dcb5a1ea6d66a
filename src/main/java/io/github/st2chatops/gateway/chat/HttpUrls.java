package io.github.st2chatops.gateway.chat;

import java.net.URI;

/**
 * Checks a configured URL that the gateway posts to (a webhook, a callback).
 */
public final class HttpUrls {

	private HttpUrls() {
	}

	/**
	 * Whether a URL is absolute, http or https (in any case), and names a host.
	 * @param uri the URL
	 * @return true when the gateway can post to it
	 */
	public static boolean isAbsoluteHttp(URI uri) {
		return uri.isAbsolute()
				&& ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
				&& uri.getHost() != null;
	}

}
