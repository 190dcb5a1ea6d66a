package io.github.st2chatops.gateway.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.github.st2chatops.gateway.alias.AliasCatalog;
import io.github.st2chatops.gateway.alias.AliasCatalogHolder;
import io.github.st2chatops.gateway.alias.AliasCatalogSynchronizer;
import io.github.st2chatops.gateway.alias.AliasHelp;
import io.github.st2chatops.gateway.alias.MatchOutcome;
import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatCommand;
import io.github.st2chatops.gateway.chat.ChatCommandHandler;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.st2.St2AliasExecution;
import io.github.st2chatops.gateway.st2.St2AliasExecutionRequest;
import io.github.st2chatops.gateway.st2.St2Client;
import io.github.st2chatops.gateway.st2.St2AuthenticationException;
import io.github.st2chatops.gateway.st2.St2Exception;
import io.github.st2chatops.gateway.st2.St2Identity;
import io.github.st2chatops.gateway.st2.St2Impersonation;
import io.github.st2chatops.gateway.st2.St2ImpersonationRefusedException;
import io.github.st2chatops.gateway.st2.St2NotFoundException;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The platform-neutral command pipeline: prefix, built-ins ({@code help}, {@code match}),
 * matching against the alias catalog, execution in st2 and the ack. Every entry point
 * (chat platforms, the REST API) comes through here.
 */
public class CommandService implements ChatCommandHandler {

	private static final Logger logger = LoggerFactory.getLogger(CommandService.class);

	static final String DENIED_REPLY = "You may not run that here; nothing ran.";

	private final CommandLineParser parser;

	private final CommandProperties properties;

	private final AliasCatalogHolder catalogs;

	private final AliasCatalogSynchronizer synchronizer;

	static final String NOT_MAPPED_REPLY = "You are not mapped to an st2 user; nothing ran.";

	private final St2Client st2;

	private final String route;

	private final AckComposer acks;

	private final HelpFormatter help;

	private final MeterRegistry meterRegistry;

	private final AccessPolicy access;

	private final CommandRateLimiter rateLimiter;

	private final St2Impersonation impersonation;

	CommandService(CommandProperties properties, AliasCatalogHolder catalogs, AliasCatalogSynchronizer synchronizer,
			St2Client st2, String route, String webUrlBase, MeterRegistry meterRegistry, AccessPolicy access,
			CommandRateLimiter rateLimiter) {
		this(properties, catalogs, synchronizer, st2, route, webUrlBase, meterRegistry, access, rateLimiter, null);
	}

	CommandService(CommandProperties properties, AliasCatalogHolder catalogs, AliasCatalogSynchronizer synchronizer,
			St2Client st2, String route, String webUrlBase, MeterRegistry meterRegistry, AccessPolicy access,
			CommandRateLimiter rateLimiter, St2Impersonation impersonation) {
		this.impersonation = impersonation;
		this.parser = new CommandLineParser(properties.prefix());
		this.properties = properties;
		this.catalogs = catalogs;
		this.synchronizer = synchronizer;
		this.st2 = st2;
		this.route = route;
		this.acks = new AckComposer(webUrlBase);
		this.help = new HelpFormatter(properties.prefix());
		this.meterRegistry = meterRegistry;
		this.access = access;
		this.rateLimiter = rateLimiter;
	}

	@Override
	public List<ChatReply> handle(ChatCommand command) {
		CommandResult result = run(command);
		if (result.reply() == null) {
			return List.of();
		}
		return List.of(new ChatReply(command.address(), result.reply(), result.extra(), false));
	}

	/**
	 * Runs one command through the whole pipeline, for the platform user who sent it.
	 * @param command the command
	 * @return what happened
	 */
	public CommandResult run(ChatCommand command) {
		return run(command, Requester.of(command.address()));
	}

	/**
	 * Runs one command that came through the REST API: the access policy and the rate
	 * limits see the key ({@code api:<key name>}) as the user.
	 * @param command the command
	 * @param apiKeyName the name of the key that authenticated the call
	 * @return what happened
	 */
	public CommandResult runForApiKey(ChatCommand command, String apiKeyName) {
		return run(command, Requester.ofApiKey(apiKeyName, command.address()));
	}

	private CommandResult run(ChatCommand command, Requester requester) {
		ChatAddress address = command.address();
		MDC.put("platform", address.platform());
		MDC.put("channel", address.channel());
		try {
			CommandResult result = dispatch(command, requester);
			this.meterRegistry
				.counter("gateway.commands", "platform", address.platform(), "outcome", result.outcome().apiName())
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
	 * Matches a line without running anything, as the {@code match} built-in does, for a
	 * REST API key: an alias the key may not run is treated like no match.
	 * @param line the line (the prefix is optional)
	 * @param address where the line would run
	 * @param apiKeyName the name of the key that authenticated the call
	 * @return the dry-run result
	 */
	public CommandResult dryRunForApiKey(String line, ChatAddress address, String apiKeyName) {
		Requester requester = Requester.ofApiKey(apiKeyName, address);
		CommandLine parsed = this.parser.parse(line, true);
		if (parsed instanceof CommandLine.Alias alias) {
			return dryRun(alias.line(), true, requester);
		}
		if (parsed instanceof CommandLine.DryRun dryRun) {
			return dryRun(dryRun.line(), true, requester);
		}
		return dryRun(line.strip(), true, requester);
	}

	private CommandResult dispatch(ChatCommand command, Requester requester) {
		if (command.text() != null && command.text().length() > this.properties.maxLength()) {
			return CommandResult.of(CommandOutcome.REFUSED,
					"That command is longer than " + this.properties.maxLength() + " characters; nothing ran.");
		}
		CommandLine line = this.parser.parse(command.text(), command.addressed());
		if (line instanceof CommandLine.Help help) {
			return help(help, requester);
		}
		if (line instanceof CommandLine.DryRun dryRun) {
			return dryRun(dryRun.line(), dryRun.explicit(), requester);
		}
		if (line instanceof CommandLine.Alias alias) {
			return execute(command.address(), alias, requester);
		}
		return CommandResult.of(CommandOutcome.IGNORED, null);
	}

	private CommandResult help(CommandLine.Help command, Requester requester) {
		HelpRequest request;
		try {
			request = HelpRequest.parse(command.arguments(), this.properties.helpPageSize());
		}
		catch (IllegalArgumentException ex) {
			return CommandResult.of(CommandOutcome.HELP, ex.getMessage());
		}
		try {
			AliasHelp all = this.catalogs.current().help(request.filter(), request.pack(), 0, 0);
			AliasHelp page = permitted(all, requester, request.offset(), request.limit());
			if (page.available() == 0 && !command.explicit()) {
				return CommandResult.of(CommandOutcome.IGNORED, null);
			}
			return CommandResult.of(CommandOutcome.HELP, this.help.format(request, page));
		}
		catch (IllegalArgumentException ex) {
			return CommandResult.of(CommandOutcome.HELP,
					"The filter '" + request.filter() + "' is not a valid regular expression.");
		}
	}

	/**
	 * The help page of the entries the requester may run: hidden aliases are neither
	 * listed nor counted.
	 */
	private AliasHelp permitted(AliasHelp all, Requester requester, int offset, int limit) {
		List<AliasHelp.Entry> visible = visibleEntries(all, requester);
		int from = Math.min(offset, visible.size());
		int to = (limit > 0) ? Math.min(visible.size(), from + limit) : visible.size();
		Map<String, List<AliasHelp.Entry>> packs = new LinkedHashMap<>();
		for (AliasHelp.Entry entry : visible.subList(from, to)) {
			packs.computeIfAbsent(pack(entry.ref()), (name) -> new ArrayList<>()).add(entry);
		}
		List<AliasHelp.Pack> grouped = new ArrayList<>();
		packs.forEach((name, entries) -> grouped.add(new AliasHelp.Pack(name, entries)));
		return new AliasHelp(visible.size(), grouped);
	}

	private List<AliasHelp.Entry> visibleEntries(AliasHelp all, Requester requester) {
		return all.entries().stream().filter((entry) -> this.access.permits(requester, entry.ref())).toList();
	}

	private static String pack(String ref) {
		int dot = ref.indexOf('.');
		return (dot > 0) ? ref.substring(0, dot) : ref;
	}

	private CommandResult dryRun(String line, boolean explicit, Requester requester) {
		if (line.isEmpty()) {
			return CommandResult.of(CommandOutcome.NO_MATCH,
					"Say which line to try, e.g. `" + this.help.example("match <command>") + "`.");
		}
		AliasCatalog catalog = this.catalogs.current();
		MatchOutcome outcome = visible(catalog.match(line), requester);
		if (outcome instanceof MatchOutcome.Matched matched) {
			return new CommandResult(CommandOutcome.MATCHED, describeDryRun(line, matched), matched.alias().ref(),
					matched.format().representation(), matched.parameters(), null, null, null);
		}
		return notRunnable(catalog, line, outcome, explicit, requester);
	}

	/**
	 * The match outcome as the requester may see it: an alias the requester may not run
	 * is not named (a match of it becomes a denial only when running).
	 */
	private MatchOutcome visible(MatchOutcome outcome, Requester requester) {
		if (outcome instanceof MatchOutcome.Matched matched && !this.access.permits(requester, matched.alias().ref())) {
			return new MatchOutcome.NoMatch();
		}
		return outcome;
	}

	private CommandResult execute(ChatAddress address, CommandLine.Alias command, Requester requester) {
		AliasCatalog catalog = this.catalogs.current();
		MatchOutcome outcome = catalog.match(command.line());
		if (!(outcome instanceof MatchOutcome.Matched matched)) {
			return notRunnable(catalog, command.line(), outcome, command.explicit(), requester);
		}
		String ref = matched.alias().ref();
		MDC.put("alias", ref);
		if (!this.access.permits(requester, ref)) {
			if (!command.explicit()) {
				// bare-mode chatter that happens to match a hidden alias: as if nothing
				// matched
				return CommandResult.of(CommandOutcome.IGNORED, null);
			}
			logger.info("Access policy denied {} to {} in {}", ref, requester.user(), requester.channel());
			// the reply names no alias: the requester may not know it exists
			return CommandResult.of(CommandOutcome.DENIED, DENIED_REPLY);
		}
		Optional<Duration> wait = this.rateLimiter.acquire(requester);
		if (wait.isPresent()) {
			long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
			return CommandResult.of(CommandOutcome.REFUSED,
					"You're running commands too fast; try again in " + seconds + " s. Nothing ran.");
		}
		String user = (address.userName() != null) ? address.userName() : address.userId();
		St2AliasExecutionRequest request = new St2AliasExecutionRequest(matched.alias().name(),
				matched.format().representation(), command.line(), user, address.sourceChannel(), address.toContext(),
				this.route);
		St2AliasExecution result;
		St2Identity identity = St2Identity.GATEWAY;
		try {
			identity = (this.impersonation != null)
					? this.impersonation.identityOf(address.platform(), address.userId()) : St2Identity.GATEWAY;
			if (identity instanceof St2Identity.Unmapped) {
				logger.info("{} is not mapped to an st2 user, {} not run", requester.user(), ref);
				return CommandResult.of(CommandOutcome.DENIED, NOT_MAPPED_REPLY);
			}
			result = this.st2.executeAlias(request, identity);
		}
		catch (St2ImpersonationRefusedException ex) {
			return CommandResult.of(CommandOutcome.DENIED, ex.getMessage());
		}
		catch (St2Exception ex) {
			if (ex instanceof St2AuthenticationException && identity instanceof St2Identity.User mapped) {
				// the user's token was revoked: ask for a new one next time
				this.impersonation.forget(mapped.header());
			}
			if (ex instanceof St2NotFoundException) {
				this.synchronizer.requestRefresh();
			}
			logger.warn("Execution of {} failed: {}", ref, ex.getMessage());
			CommandResult failure = St2FailureReplies.forExecution(ex, ref);
			return new CommandResult(failure.outcome(), failure.reply(), ref, matched.format().representation(),
					matched.parameters(), null, null, null);
		}
		String executionId = result.execution().id();
		MDC.put("execution", executionId);
		logger.info("Execution {} requested for {} by {}", executionId, ref, user);
		this.meterRegistry.counter("gateway.executions.requested", "platform", address.platform()).increment();
		CommandResult.ExecutionLink link = new CommandResult.ExecutionLink(executionId,
				this.acks.link(result.execution()));
		return new CommandResult(CommandOutcome.EXECUTED, this.acks.ack(matched.alias(), result), ref,
				matched.format().representation(), matched.parameters(), null, link, result.extra());
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
			return new CommandResult(CommandOutcome.AMBIGUOUS, this.help.ambiguous(line, ambiguous), null, null, null,
					refs, null, null);
		}
		if (outcome instanceof MatchOutcome.Disabled disabled) {
			return new CommandResult(CommandOutcome.REFUSED,
					"The alias " + disabled.alias().ref() + " is disabled in st2, so nothing ran.",
					disabled.alias().ref(), disabled.format().representation(), null, null, null, null);
		}
		List<AliasHelp.Entry> suggestible = visibleEntries(catalog.help("", null, 0, 0), requester);
		return explicit ? CommandResult.of(CommandOutcome.NO_MATCH, this.help.noMatch(line, suggestible))
				: CommandResult.of(CommandOutcome.IGNORED, null);
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
