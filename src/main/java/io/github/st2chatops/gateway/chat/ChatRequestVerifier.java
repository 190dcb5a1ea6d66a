package io.github.st2chatops.gateway.chat;

/**
 * Tells a platform's requests from anyone else's, on the raw bytes and headers, before
 * anything is parsed for its meaning: signatures as HMACs, tokens compared in constant
 * time, and never the expected value in a reason or a log line.
 */
@FunctionalInterface
public interface ChatRequestVerifier {

	/**
	 * Verifies a request.
	 * @param request the raw request
	 * @return verified, or refused with the reason
	 */
	Verification verify(ChatRequest request);

	/**
	 * What a verifier found: a closed set.
	 */
	sealed interface Verification {

		/**
		 * The request is the platform's.
		 * @return the verified outcome
		 */
		static Verification verified() {
			return new Verified();
		}

		/**
		 * The request is not the platform's.
		 * @param detail why, safe to answer with
		 * @return the refused outcome
		 */
		static Verification unauthorized(String detail) {
			return new Refused(ChatRequestProblem.unauthorized(detail));
		}

		/**
		 * The request is the platform's.
		 */
		record Verified() implements Verification {
		}

		/**
		 * The request is refused. Usually {@code UNAUTHORIZED}; a platform that carries
		 * its token inside the body refuses a body it cannot read as {@code INVALID} or
		 * {@code UNSUPPORTED_MEDIA_TYPE}.
		 *
		 * @param problem why
		 */
		record Refused(ChatRequestProblem problem) implements Verification {
		}

	}

}
