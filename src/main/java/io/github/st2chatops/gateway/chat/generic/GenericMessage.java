package io.github.st2chatops.gateway.chat.generic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What a system posts to {@code POST /chat/generic}.
 *
 * @param text the chat line (the prefix is optional)
 * @param user who st2 sees as the requester
 * @param channel the caller's channel id; replies and results name it
 * @param thread the caller's thread id, echoed back, or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record GenericMessage(String text, String user, String channel, String thread) {

	static final int MAX_TEXT_LENGTH = 4000;

	static final int MAX_ID_LENGTH = 256;

	/**
	 * What is wrong with the message, as one sentence for problem details.
	 * @return the problem, or {@code null} when the message is valid
	 */
	String problem() {
		if (this.text == null || this.text.isBlank()) {
			return "'text' is required.";
		}
		if (this.text.length() > MAX_TEXT_LENGTH) {
			return "'text' is longer than " + MAX_TEXT_LENGTH + " characters.";
		}
		String idProblem = idProblem("user", this.user, true);
		if (idProblem == null) {
			idProblem = idProblem("channel", this.channel, true);
		}
		if (idProblem == null) {
			idProblem = idProblem("thread", this.thread, false);
		}
		return idProblem;
	}

	private static String idProblem(String field, String value, boolean required) {
		if (value == null || value.isBlank()) {
			return required ? "'" + field + "' is required." : null;
		}
		if (value.length() > MAX_ID_LENGTH) {
			return "'" + field + "' is longer than " + MAX_ID_LENGTH + " characters.";
		}
		if (value.chars().anyMatch((c) -> Character.isISOControl(c) || Character.isWhitespace(c))) {
			return "'" + field + "' must not contain spaces or control characters.";
		}
		return null;
	}

}
