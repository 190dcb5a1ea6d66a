package io.github.st2chatops.gateway.chat;

import java.time.Duration;

/**
 * What a platform gives the shared inbound flow: its id, how its requests are verified
 * and parsed, and how long it waits for an answer.
 *
 * @param <M> the platform's own view of a request
 * @param id the platform id, as in {@link ChatAddress#platform()}
 * @param verifier checks the raw request
 * @param parser reads the verified request
 * @param replyDeadline how long the platform lets the gateway answer in the response;
 * {@link Duration#ZERO} answers at once and every reply goes out through the platform's
 * sender
 */
public record ChatPlatform<M>(String id, ChatRequestVerifier verifier, ChatInboundParser<M> parser,
		Duration replyDeadline) {

}
