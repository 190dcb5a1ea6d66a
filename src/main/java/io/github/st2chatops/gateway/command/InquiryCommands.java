package io.github.st2chatops.gateway.command;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.st2.St2AuthenticationException;
import io.github.st2chatops.gateway.st2.St2Exception;
import io.github.st2chatops.gateway.st2.St2Identity;
import io.github.st2chatops.gateway.st2.St2ImpersonationRefusedException;
import io.github.st2chatops.gateway.st2.St2Inquiry;
import io.github.st2chatops.gateway.st2.St2InquirySchema;
import io.github.st2chatops.gateway.st2.St2NotFoundException;
import io.github.st2chatops.gateway.st2.St2Operations;
import io.github.st2chatops.gateway.st2.St2RejectedException;
import io.github.st2chatops.gateway.st2.St2UnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code inquiry} built-in: {@code inquiry list} shows the pending st2 inquiries, and
 * {@code inquiry respond <id> <answer>} answers one as the person who asked (a button
 * click arrives as the same line). Answering is an action the access policy can allow or
 * deny (a rule naming {@code inquiry}) and counts against the rate limits. Without a
 * per-user st2 identity the gateway answers as its own st2 user only an inquiry that
 * names no users or roles: it never answers on someone's behalf. A refused answer is a
 * whisper, shown to the person who answered only.
 */
final class InquiryCommands {

	/** The access policy's name for answering inquiries, as an alias ref. */
	static final String ACCESS_NAME = "inquiry";

	static final String NEEDS_IDENTITY_REPLY = "This inquiry names the st2 users or roles who may answer it, and the "
			+ "gateway has no per-user st2 identity for you (gateway.st2.impersonation), so it will not answer on "
			+ "your behalf. Ask an operator to configure per-user identity, or answer in st2.";

	private static final Logger logger = LoggerFactory.getLogger(InquiryCommands.class);

	private final St2Operations st2;

	private final AccessPolicy access;

	private final CommandRateLimiter rateLimiter;

	private final UnaryOperator<String> example;

	/**
	 * @param st2 st2
	 * @param access the access policy
	 * @param rateLimiter the rate limits
	 * @param example a command as the user types it, with the prefix
	 */
	InquiryCommands(St2Operations st2, AccessPolicy access, CommandRateLimiter rateLimiter,
			UnaryOperator<String> example) {
		this.st2 = st2;
		this.access = access;
		this.rateLimiter = rateLimiter;
		this.example = example;
	}

	CommandResult run(ChatAddress address, CommandLine.Inquiry command, Requester requester) {
		String[] words = command.arguments().split("\\s+", 3);
		String verb = words[0].toLowerCase(Locale.ROOT);
		if (verb.equals("list") && words.length == 1) {
			return guarded(requester, () -> list(address));
		}
		if (verb.equals("respond") && words.length == 3) {
			return guarded(requester, () -> respond(address, words[1], words[2]));
		}
		return refused("Say `" + this.example.apply("inquiry list") + "` or `"
				+ this.example.apply("inquiry respond <id> <answer>") + "`.");
	}

	private CommandResult guarded(Requester requester, Supplier<CommandResult> action) {
		if (!this.access.permits(requester, ACCESS_NAME)) {
			logger.info("Access policy denied answering inquiries to {} in {}", requester.user(), requester.channel());
			return CommandResult.inquiry(CommandOutcome.DENIED, "You may not answer st2 inquiries here.", true);
		}
		Optional<Duration> wait = this.rateLimiter.acquire(requester);
		if (wait.isPresent()) {
			long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
			return refused("You're going too fast; try again in " + seconds + " s. Nothing was answered.");
		}
		return action.get();
	}

	private CommandResult list(ChatAddress address) {
		List<St2Inquiry> inquiries;
		try {
			St2Identity identity = identity(address);
			if (identity instanceof St2Identity.Unmapped) {
				return CommandResult.inquiry(CommandOutcome.DENIED, CommandService.NOT_MAPPED_REPLY, true);
			}
			String st2User = (identity instanceof St2Identity.User user) ? user.st2User() : null;
			inquiries = this.st2.listInquiries(identity)
				.stream()
				.filter((inquiry) -> st2User == null || inquiry.users().isEmpty() || inquiry.users().contains(st2User))
				.toList();
		}
		catch (St2ImpersonationRefusedException ex) {
			return CommandResult.inquiry(CommandOutcome.DENIED, ex.getMessage(), true);
		}
		catch (St2Exception ex) {
			return failed(ex, "list");
		}
		if (inquiries.isEmpty()) {
			return CommandResult.inquiry(CommandOutcome.INQUIRIES, "No st2 inquiries are waiting for you.", false);
		}
		String lines = inquiries.stream().map(this::describe).collect(Collectors.joining("\n"));
		return CommandResult.inquiry(CommandOutcome.INQUIRIES, "st2 inquiries waiting for an answer:\n" + lines
				+ "\nAnswer with `" + this.example.apply("inquiry respond <id> <answer>") + "`.", false);
	}

	private String describe(St2Inquiry inquiry) {
		St2InquirySchema schema = St2InquirySchema.of(inquiry.schema());
		return "• `" + inquiry.id() + "` " + String.join(" / ", schema.prompt()) + " (" + inquiry.whoMayAnswer()
				+ " may answer"
				+ ((inquiry.ttl() != null) ? ", times out " + inquiry.ttl() + " min after it was asked" : "")
				+ "), e.g. `" + this.example.apply("inquiry respond " + inquiry.id() + " " + schema.example()) + "`";
	}

	private CommandResult respond(ChatAddress address, String id, String text) {
		String who = "@" + ((address.userName() != null) ? address.userName() : address.userId());
		try {
			St2Identity identity = identity(address);
			if (identity instanceof St2Identity.Unmapped) {
				return CommandResult.inquiry(CommandOutcome.DENIED, CommandService.NOT_MAPPED_REPLY, true);
			}
			// read with the gateway's credential: it says whether the inquiry is still
			// open, who may answer, and how a typed value becomes the answer
			St2Inquiry inquiry = this.st2.getInquiry(id);
			if (identity instanceof St2Identity.Gateway && inquiry.restricted()) {
				return CommandResult.inquiry(CommandOutcome.DENIED, NEEDS_IDENTITY_REPLY, true);
			}
			St2InquirySchema schema = St2InquirySchema.of(inquiry.schema());
			Map<String, Object> response;
			try {
				response = schema.answer(text);
			}
			catch (IllegalArgumentException ex) {
				return refused(ex.getMessage() + " Nothing was answered.");
			}
			this.st2.respondToInquiry(id, response, identity);
			logger.info("Inquiry {} answered by {}", id, who);
			return CommandResult.inquiry(CommandOutcome.ANSWERED, answered(schema, response, who, id), false);
		}
		catch (St2ImpersonationRefusedException ex) {
			return CommandResult.inquiry(CommandOutcome.DENIED, ex.getMessage(), true);
		}
		catch (St2Exception ex) {
			return failed(ex, id);
		}
	}

	/**
	 * The public line once an inquiry is answered: "Approved by @alice" for a yes/no
	 * question, else the values.
	 */
	static String answered(St2InquirySchema schema, Map<String, Object> response, String who, String id) {
		Optional<St2InquirySchema.Field> button = schema.buttonField();
		if (button.isPresent() && button.get().isBoolean()
				&& response.get(button.get().name()) instanceof Boolean yes) {
			return (yes ? "Approved" : "Rejected") + " by " + who + " (st2 inquiry " + id + ").";
		}
		String values = response.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + " = " + entry.getValue())
			.collect(Collectors.joining(", "));
		return "Answered by " + who + ": " + values + " (st2 inquiry " + id + ").";
	}

	private St2Identity identity(ChatAddress address) {
		return this.st2.identityOf(address.platform(), address.userId());
	}

	private CommandResult failed(St2Exception failure, String id) {
		logger.info("st2 refused an inquiry command for {}: {}", id, failure.getMessage());
		return CommandResult.inquiry(St2FailureReplies.outcome(failure), forInquiry(failure, id), true);
	}

	/**
	 * One sentence for each way st2 refuses an inquiry command.
	 * @param failure what st2 did
	 * @param id the inquiry id, or {@code list}
	 * @return the sentence
	 */
	private String forInquiry(St2Exception failure, String id) {
		// the hints as the user types them: a bare "inquiry list" would not reach the
		// gateway where the prefix is needed
		String list = this.example.apply("inquiry list");
		if (failure instanceof St2NotFoundException) {
			return "st2 knows no inquiry " + id + "; check the id with `" + list + "`.";
		}
		if (failure instanceof St2RejectedException rejected) {
			String fault = rejected.faultstring();
			if (rejected.status() == 403) {
				return "st2 says you may not answer that inquiry: " + fault;
			}
			if (fault.contains("timed out")) {
				return "That inquiry has expired (its time to answer ran out in st2), so nothing was answered.";
			}
			if (fault.contains("already been responded")) {
				return "That inquiry was already answered; nothing changed.";
			}
			return "st2 did not accept that answer: " + fault;
		}
		if (failure instanceof St2AuthenticationException) {
			return "The gateway could not sign in to st2, so nothing was answered. An operator needs to check the "
					+ "gateway's st2 credentials.";
		}
		if (failure instanceof St2UnavailableException unavailable && unavailable.requestMayHaveReachedSt2()) {
			return "st2 did not answer in time, so the answer may or may not have been recorded; check with `" + list
					+ "`.";
		}
		return "st2 is unavailable right now, so nothing was answered. Try again in a minute.";
	}

	private static CommandResult refused(String reply) {
		return CommandResult.inquiry(CommandOutcome.REFUSED, reply, true);
	}

}
