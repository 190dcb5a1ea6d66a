package io.github.st2chatops.gateway.command;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.github.st2chatops.gateway.alias.AliasCatalog;
import io.github.st2chatops.gateway.alias.AliasCatalogHolder;
import io.github.st2chatops.gateway.alias.AliasHelp;
import io.github.st2chatops.gateway.alias.AliasHelpFilterTooCostlyException;
import io.github.st2chatops.gateway.alias.MatchOutcome;
import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatCommand;
import io.github.st2chatops.gateway.chat.ChatCommandHandler;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.st2.St2AliasExecution;
import io.github.st2chatops.gateway.st2.St2AliasExecutionRequest;
import io.github.st2chatops.gateway.st2.St2Exception;
import io.github.st2chatops.gateway.st2.St2Identity;
import io.github.st2chatops.gateway.st2.St2ImpersonationRefusedException;
import io.github.st2chatops.gateway.st2.St2NotFoundException;
import io.github.st2chatops.gateway.st2.St2Operations;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The platform-neutral command pipeline. Every entry point (chat platforms, the REST API)
 * comes through here, and every command takes one path:
 * <ol>
 * <li>prefix and built-ins ({@code help}, {@code match}, {@code inquiry}, see
 * {@link InquiryCommands});</li>
 * <li>is st2's catalog usable (else {@code unavailable}, never "no match");</li>
 * <li>match against the alias catalog;</li>
 * <li>access policy;</li>
 * <li>rate limit;</li>
 * <li>the st2 identity it runs as;</li>
 * <li>execute in st2;</li>
 * <li>the ack.</li>
 * </ol>
 */
public class CommandService implements ChatCommandHandler {

	private static final Logger logger = LoggerFactory.getLogger(CommandService.class);

	/** The platform of commands that came through the REST API without a channel. */
	static final String API_PLATFORM = "api";

	static final String DENIED_REPLY = "You may not run that here; nothing ran.";

	static final String NOT_MAPPED_REPLY = "You are not mapped to an st2 user; nothing ran.";

	private final CommandProperties properties;

	private final CommandLineParser parser;

	private final AliasCatalogHolder catalogs;

	private final CatalogAvailability availability;

	private final Runnable catalogRefresh;

	private final St2Operations st2;

	private final AckComposer acks;

	private final HelpFormatter help;

	private final MeterRegistry meterRegistry;

	private final AccessPolicy access;

	private final CommandRateLimiter rateLimiter;

	private final Predicate<String> servedPlatforms;

	private final InquiryCommands inquiries;

	/**
	 * @param properties the pipeline settings
	 * @param catalogs the alias catalog
	 * @param availability whether the catalog may be used
	 * @param catalogRefresh asks for a catalog sync soon (st2 no longer knows an alias)
	 * @param st2 st2
	 * @param acks builds acks
	 * @param meterRegistry metrics
	 * @param access the access policy
	 * @param rateLimiter the rate limits
	 * @param servedPlatforms the chat platforms results can be delivered to
	 */
	CommandService(CommandProperties properties, AliasCatalogHolder catalogs, CatalogAvailability availability,
			Runnable catalogRefresh, St2Operations st2, AckComposer acks, MeterRegistry meterRegistry,
			AccessPolicy access, CommandRateLimiter rateLimiter, Predicate<String> servedPlatforms) {
		this.properties = properties;
		this.parser = new CommandLineParser(properties.prefix());
		this.catalogs = catalogs;
		this.availability = availability;
		this.catalogRefresh = catalogRefresh;
		this.st2 = st2;
		this.acks = acks;
		this.help = new HelpFormatter(properties.prefix(), properties.helpPageSize());
		this.meterRegistry = meterRegistry;
		this.access = access;
		this.rateLimiter = rateLimiter;
		this.servedPlatforms = servedPlatforms;
		this.inquiries = new InquiryCommands(st2, access, rateLimiter, this.help::example);
	}

	@Override
	public List<ChatReply> handle(ChatCommand command) {
		CommandResult result = run(command);
		if (result.reply() == null) {
			return List.of();
		}
		return List.of(new ChatReply(command.address(), result.reply(), result.extra(), result.whisper()));
	}

	/**
	 * Runs one chat command through the whole pipeline, for the platform user who sent
	 * it.
	 * @param command the command
	 * @return what happened
	 */
	public CommandResult run(ChatCommand command) {
		return run(command, Requester.of(command.address()));
	}

	/**
	 * Runs one command that came through the REST API.
	 * @param command the command
	 * @return what happened
	 * @throws ChannelNotServedException when the command names a channel on a platform
	 * the gateway does not serve; nothing ran
	 */
	public CommandResult runForApiKey(ApiCommand command) {
		ChatAddress address = apiAddress(command);
		return run(new ChatCommand(address, command.text(), true), Requester.ofApiKey(command.keyName(), address));
	}

	/**
	 * Matches a line without running anything, as the {@code match} built-in does, for a
	 * REST API key: an alias the key may not run is treated like no match.
	 * @param command the line (the prefix is optional) and who asks
	 * @return the dry-run result
	 * @throws ChannelNotServedException when the command names a channel on a platform
	 * the gateway does not serve
	 */
	public CommandResult dryRunForApiKey(ApiCommand command) {
		Requester requester = Requester.ofApiKey(command.keyName(), apiAddress(command));
		CommandLine parsed = this.parser.parse(command.text(), true);
		if (parsed instanceof CommandLine.Alias alias) {
			return dryRun(alias.line(), true, requester);
		}
		if (parsed instanceof CommandLine.DryRun dryRun) {
			return dryRun(dryRun.line(), true, requester);
		}
		return dryRun(command.text().strip(), true, requester);
	}

	private ChatAddress apiAddress(ApiCommand command) {
		if (command.channel() == null) {
			// no chat channel: the result is followed with GET /api/v1/executions/{id}
			return new ChatAddress(API_PLATFORM, null, command.user(), null, command.user(), command.user(), null);
		}
		ChatAddress channel = ChatAddress.fromSourceChannel(command.channel());
		if (channel == null || !this.servedPlatforms.test(channel.platform())) {
			String platform = (channel != null) ? channel.platform() : command.channel();
			throw new ChannelNotServedException("The channel's platform '" + platform
					+ "' is not a chat platform this gateway is configured for, so its result could not be "
					+ "delivered; nothing ran.");
		}
		return new ChatAddress(channel.platform(), null, channel.channel(), null, command.user(), command.user(), null);
	}

	private CommandResult run(ChatCommand command, Requester requester) {
		ChatAddress address = command.address();
		MDC.put("platform", address.platform());
		MDC.put("channel", address.channel());
		try {
			CommandResult result = dispatch(command, requester);
			this.meterRegistry
				.counter("gateway.commands", "platform", metricPlatform(address.platform()), "outcome",
						result.outcome().apiName())
				.increment();
			return result;
		}
		finally {
			MDC.remove("platform");
			MDC.remove("channel");
			MDC.remove("alias");
			MDC.remove("execution");
		}
	}

	/**
	 * The platform label of the metrics: a platform the gateway serves (its own ids, so a
	 * new platform needs no list here), else {@code other}, never a caller's text.
	 */
	String metricPlatform(String platform) {
		return (platform != null && this.servedPlatforms.test(platform)) ? platform : "other";
	}

	/** Step 1: the prefix, the length and the built-ins. */
	private CommandResult dispatch(ChatCommand command, Requester requester) {
		if (command.text() != null && command.text().length() > this.properties.maxLength()) {
			return CommandResult
				.refused("That command is longer than " + this.properties.maxLength() + " characters; nothing ran.");
		}
		CommandLine line = this.parser.parse(command.text(), command.addressed());
		if (line instanceof CommandLine.Help help) {
			return help(help, requester);
		}
		if (line instanceof CommandLine.DryRun dryRun) {
			return dryRun(dryRun.line(), dryRun.explicit(), requester);
		}
		if (line instanceof CommandLine.Inquiry inquiry) {
			return this.inquiries.run(command.address(), inquiry, requester);
		}
		if (line instanceof CommandLine.Alias alias) {
			return execute(command.address(), alias, requester);
		}
		return CommandResult.ignored();
	}

	/** Step 2: never answer from a catalog st2 did not give, or one too old. */
	private Optional<CommandResult> unavailable(boolean explicit) {
		return this.availability.unavailableReason()
			.map((reason) -> explicit ? CommandResult.unavailable(reason) : CommandResult.ignored());
	}

	private CommandResult help(CommandLine.Help command, Requester requester) {
		HelpRequest request;
		try {
			request = HelpRequest.parse(command.arguments(), this.properties.helpPageSize());
		}
		catch (IllegalArgumentException ex) {
			return CommandResult.help(ex.getMessage());
		}
		Optional<CommandResult> unavailable = unavailable(command.explicit());
		if (unavailable.isPresent()) {
			return unavailable.get();
		}
		Optional<Duration> wait = this.rateLimiter.acquire(requester);
		if (wait.isPresent()) {
			// help runs the caller's regular expression: limited like any command
			return command.explicit() ? CommandResult.refused(tooFast(wait.get())) : CommandResult.ignored();
		}
		List<AliasHelp.Entry> all;
		try {
			all = this.catalogs.current().help(request.filter(), request.pack(), 0, 0).entries();
		}
		catch (AliasHelpFilterTooCostlyException ex) {
			return CommandResult.help("The filter '" + request.filter()
					+ "' needs too much work to search the help (nested repeats such as ((.*)*)* backtrack without end), "
					+ "so the search was stopped. Try plain words, e.g. `" + this.help.example("help deploy") + "`.");
		}
		catch (IllegalArgumentException ex) {
			return CommandResult.help("The filter '" + request.filter() + "' is not a valid regular expression.");
		}
		AliasHelp page = HelpPages.page(visible(all, requester), request.offset(), request.limit());
		if (page.available() == 0 && !command.explicit()) {
			return CommandResult.ignored();
		}
		return CommandResult.help(this.help.format(request, page));
	}

	private static String tooFast(Duration wait) {
		long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
		return "You're running commands too fast; try again in " + seconds + " s. Nothing ran.";
	}

	private CommandResult dryRun(String line, boolean explicit, Requester requester) {
		if (line.isEmpty()) {
			return CommandResult.noMatch("Say which line to try, e.g. `" + this.help.example("match <command>") + "`.");
		}
		Optional<CommandResult> unavailable = unavailable(explicit);
		if (unavailable.isPresent()) {
			return unavailable.get();
		}
		AliasCatalog catalog = this.catalogs.current();
		MatchOutcome outcome = catalog.match(line);
		if (outcome instanceof MatchOutcome.Matched matched && this.access.permits(requester, matched.alias().ref())) {
			return CommandResult.matched(matched, describeDryRun(line, matched));
		}
		// an alias the requester may not run is not named: a dry run of it is no match
		return notRunnable(catalog, line,
				(outcome instanceof MatchOutcome.Matched) ? new MatchOutcome.NoMatch() : outcome, explicit, requester);
	}

	private CommandResult execute(ChatAddress address, CommandLine.Alias command, Requester requester) {
		// 2. st2's state
		Optional<CommandResult> unavailable = unavailable(command.explicit());
		if (unavailable.isPresent()) {
			return unavailable.get();
		}
		// 3. match
		AliasCatalog catalog = this.catalogs.current();
		MatchOutcome outcome = catalog.match(command.line());
		if (!(outcome instanceof MatchOutcome.Matched matched)) {
			return notRunnable(catalog, command.line(), outcome, command.explicit(), requester);
		}
		String ref = matched.alias().ref();
		MDC.put("alias", ref);
		// 4. access
		if (!this.access.permits(requester, ref)) {
			if (!command.explicit()) {
				// bare-mode chatter that happens to match a hidden alias: as if nothing
				// matched
				return CommandResult.ignored();
			}
			logger.info("Access policy denied {} to {} in {}", ref, requester.user(), requester.channel());
			// the reply names no alias: the requester may not know it exists
			return CommandResult.denied(DENIED_REPLY);
		}
		// 5. rate limit
		Optional<Duration> wait = this.rateLimiter.acquire(requester);
		if (wait.isPresent()) {
			return CommandResult.refused(tooFast(wait.get()));
		}
		// 6. identity, 7. execute
		String user = (address.userName() != null) ? address.userName() : address.userId();
		St2AliasExecutionRequest request = new St2AliasExecutionRequest(matched.alias().name(),
				matched.format().representation(), command.line(), user, address.sourceChannel(), address.toContext(),
				null);
		St2AliasExecution result;
		try {
			St2Identity identity = this.st2.identityOf(address.platform(), address.userId());
			if (identity instanceof St2Identity.Unmapped) {
				logger.info("{} is not mapped to an st2 user, {} not run", requester.user(), ref);
				return CommandResult.denied(NOT_MAPPED_REPLY);
			}
			result = this.st2.executeAlias(request, identity);
		}
		catch (St2ImpersonationRefusedException ex) {
			return CommandResult.denied(ex.getMessage());
		}
		catch (St2Exception ex) {
			if (ex instanceof St2NotFoundException) {
				this.catalogRefresh.run();
			}
			logger.warn("Execution of {} failed: {}", ref, ex.getMessage());
			return CommandResult.failed(matched, St2FailureReplies.outcome(ex),
					St2FailureReplies.forExecution(ex, ref));
		}
		// 8. ack
		String executionId = result.execution().id();
		MDC.put("execution", executionId);
		logger.info("Execution {} requested for {} by {}", executionId, ref, user);
		this.meterRegistry.counter("gateway.executions.requested", "platform", metricPlatform(address.platform()))
			.increment();
		return CommandResult.executed(matched, this.acks.ack(matched.alias(), result),
				new CommandResult.ExecutionLink(executionId, this.acks.link(result.execution())), result.extra());
	}

	private CommandResult notRunnable(AliasCatalog catalog, String line, MatchOutcome outcome, boolean explicit,
			Requester requester) {
		if (outcome instanceof MatchOutcome.Ambiguous all) {
			List<MatchOutcome.Candidate> candidates = all.candidates()
				.stream()
				.filter((candidate) -> this.access.permits(requester, candidate.alias().ref()))
				.toList();
			outcome = candidates.isEmpty() ? new MatchOutcome.NoMatch() : new MatchOutcome.Ambiguous(candidates);
		}
		if (outcome instanceof MatchOutcome.Disabled disabled
				&& !this.access.permits(requester, disabled.alias().ref())) {
			outcome = new MatchOutcome.NoMatch();
		}
		if (outcome instanceof MatchOutcome.Ambiguous ambiguous) {
			List<String> refs = ambiguous.candidates()
				.stream()
				.map((candidate) -> candidate.alias().ref())
				.distinct()
				.toList();
			return CommandResult.ambiguous(this.help.ambiguous(line, ambiguous), refs);
		}
		if (outcome instanceof MatchOutcome.Disabled disabled) {
			return CommandResult.disabled(disabled,
					"The alias " + disabled.alias().ref() + " is disabled in st2, so nothing ran.");
		}
		if (!explicit) {
			return CommandResult.ignored();
		}
		List<String> gaveUp = (outcome instanceof MatchOutcome.NoMatch noMatch)
				? noMatch.gaveUp().stream().filter((ref) -> this.access.permits(requester, ref)).toList() : List.of();
		if (!gaveUp.isEmpty()) {
			return CommandResult.noMatch(
					"Nothing matched `" + line + "`: matching it against the format of " + String.join(", ", gaveUp)
							+ " needed too much work and was stopped, so nothing ran. Try a shorter command.");
		}
		List<AliasHelp.Entry> suggestible = visible(catalog.help("", null, 0, 0).entries(), requester);
		return CommandResult.noMatch(this.help.noMatch(line, suggestible));
	}

	/**
	 * The help entries the requester may run: hidden aliases are neither listed nor
	 * counted.
	 */
	private List<AliasHelp.Entry> visible(List<AliasHelp.Entry> entries, Requester requester) {
		return entries.stream().filter((entry) -> this.access.permits(requester, entry.ref())).toList();
	}

	private String describeDryRun(String line, MatchOutcome.Matched matched) {
		StringBuilder text = new StringBuilder();
		text.append("`").append(line).append("` would run ").append(matched.alias().ref());
		text.append(" with format `").append(matched.format().representation()).append("`");
		List<Map<String, String>> sets = matched.parameterSets();
		if (sets.size() > 1) {
			text.append(", ").append(sets.size()).append(" times:");
			for (Map<String, String> set : sets) {
				text.append("\n• ").append(describeParameters(set));
			}
		}
		else {
			text.append(sets.isEmpty() || sets.get(0).isEmpty() ? " and no parameters"
					: " and parameters " + describeParameters(sets.get(0)));
		}
		return text.append(". Nothing ran.").toString();
	}

	private static String describeParameters(Map<String, String> parameters) {
		Map<String, String> ordered = new LinkedHashMap<>(parameters);
		return ordered.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + ((entry.getValue() != null) ? entry.getValue() : "(none)"))
			.collect(Collectors.joining(", "));
	}

}
