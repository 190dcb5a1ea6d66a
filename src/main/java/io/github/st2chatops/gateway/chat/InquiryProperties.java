package io.github.st2chatops.gateway.chat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * How st2 inquiries reach chat ({@code gateway.inquiry.*}).
 *
 * @param routes where an inquiry goes when its workflow was not started from chat, by
 * st2's route (the core.ask route parameter): a value of the form platform:channel-id,
 * e.g. slack:C0123456789
 * @param publicUrl the gateway's own base URL as Mattermost reaches it, e.g.
 * https://chatops.example.com; Mattermost buttons call back to it, and without it
 * Mattermost gets the text form only
 * @param signingSecret the secret that signs the context of Mattermost buttons (at least
 * 32 characters), so that a forged button callback is refused; without it Mattermost gets
 * the text form only
 */
@ConfigurationProperties("gateway.inquiry")
public record InquiryProperties(Map<String, String> routes, URI publicUrl, String signingSecret) {

	public InquiryProperties {
		routes = (routes != null) ? Map.copyOf(routes) : Map.of();
		routes.forEach((route, target) -> {
			if (ChatAddress.fromSourceChannel(target) == null) {
				throw new IllegalArgumentException(
						"gateway.inquiry.routes." + route + " must be <platform>:<channel id>, e.g. slack:C0123456789");
			}
		});
		if (publicUrl != null && (!publicUrl.isAbsolute()
				|| !("https".equals(publicUrl.getScheme()) || "http".equals(publicUrl.getScheme()))
				|| publicUrl.getHost() == null)) {
			throw new IllegalArgumentException(
					"gateway.inquiry.public-url must be an absolute http(s) URL, e.g. https://chatops.example.com");
		}
		if (StringUtils.hasText(signingSecret) && signingSecret.strip().length() < 32) {
			throw new IllegalArgumentException("gateway.inquiry.signing-secret must be at least 32 characters");
		}
		signingSecret = StringUtils.hasText(signingSecret) ? signingSecret.strip() : null;
	}

	/**
	 * Where an inquiry with this route goes, when its workflow was not started from chat.
	 * @param route st2's route, may be {@code null}
	 * @return the address, or {@code null} when the route has no channel
	 */
	public ChatAddress route(String route) {
		return (route != null) ? ChatAddress.fromSourceChannel(this.routes.get(route)) : null;
	}

	/**
	 * Whether Mattermost can show buttons: it needs the URL to call back and the secret
	 * that signs the call.
	 * @return {@code true} when both are set
	 */
	public boolean mattermostButtons() {
		return this.publicUrl != null && this.signingSecret != null;
	}

	/**
	 * The signature a button's answer carries, hex HMAC-SHA256 of the inquiry id and the
	 * answer.
	 * @param inquiryId the inquiry
	 * @param answer the answer the button gives
	 * @return the signature
	 * @throws IllegalStateException without a signing secret
	 */
	public String sign(String inquiryId, String answer) {
		if (this.signingSecret == null) {
			throw new IllegalStateException("gateway.inquiry.signing-secret is not set");
		}
		return HmacSha256.signHex(this.signingSecret.getBytes(StandardCharsets.UTF_8), signed(inquiryId, answer));
	}

	/**
	 * Whether a button's signature is the one {@link #sign} gave, in constant time.
	 * @param inquiryId the inquiry
	 * @param answer the answer
	 * @param signature the presented signature
	 * @return {@code true} when it matches; always {@code false} without a secret
	 */
	public boolean signedBy(String inquiryId, String answer, String signature) {
		if (this.signingSecret == null || inquiryId == null || answer == null) {
			return false;
		}
		return HmacSha256.matchesHex(this.signingSecret.getBytes(StandardCharsets.UTF_8), signature,
				signed(inquiryId, answer));
	}

	private static byte[] signed(String inquiryId, String answer) {
		// the id never holds a newline (st2's ids are hex), so the split is unambiguous
		return (inquiryId + "\n" + answer).getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "InquiryProperties[routes=" + new LinkedHashMap<>(this.routes) + ", publicUrl=" + this.publicUrl
				+ ", signingSecret=" + ((this.signingSecret != null) ? "******" : "<unset>") + "]";
	}

}
