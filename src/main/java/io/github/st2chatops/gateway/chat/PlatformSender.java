package io.github.st2chatops.gateway.chat;

import java.util.Optional;

/**
 * What every platform's sender knows of itself: its platform id, its message limit, and,
 * for a platform that answers through reply URLs, the {@link ResponseUrlPolicy} those
 * URLs are checked against.
 */
public abstract class PlatformSender implements ChatSender {

	private final String platform;

	private final int messageLimit;

	private final ResponseUrlPolicy responseUrls;

	/**
	 * A sender of a platform that never follows reply URLs.
	 * @param platform the platform id
	 * @param messageLimit the longest text of one message
	 */
	protected PlatformSender(String platform, int messageLimit) {
		this(platform, messageLimit, null);
	}

	/**
	 * A sender of a platform whose replies may go through reply URLs.
	 * @param platform the platform id
	 * @param messageLimit the longest text of one message
	 * @param responseUrls the reply URLs it may follow, {@code null} for none
	 */
	protected PlatformSender(String platform, int messageLimit, ResponseUrlPolicy responseUrls) {
		this.platform = platform;
		this.messageLimit = messageLimit;
		this.responseUrls = responseUrls;
	}

	@Override
	public String platform() {
		return this.platform;
	}

	@Override
	public int messageLimit() {
		return this.messageLimit;
	}

	@Override
	public Optional<String> responseUrlRefusal(String responseUrl) {
		return (this.responseUrls != null) ? this.responseUrls.refusal(responseUrl) : Optional.empty();
	}

	/**
	 * The reply URLs this sender may follow.
	 * @return the policy, {@code null} when the platform never follows reply URLs
	 */
	protected ResponseUrlPolicy responseUrls() {
		return this.responseUrls;
	}

}
