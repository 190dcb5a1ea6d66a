package io.github.st2chatops.gateway.chat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import io.github.st2chatops.gateway.chat.ChatCommandPreparer.Prepared;
import io.github.st2chatops.gateway.chat.ChatInboundParser.Parsed;
import io.github.st2chatops.gateway.chat.ChatRequestVerifier.Verification;
import io.github.st2chatops.gateway.chat.ChatWebhookSliceConfiguration.SwitchableClaimStore;
import io.github.st2chatops.gateway.state.ClaimStore;
import io.github.st2chatops.gateway.state.StateUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared inbound flow without Spring or HTTP: what runs, what is claimed, what is
 * counted, for any platform.
 */
class InboundFlowTests {

	private static final ChatAddress ADDRESS = new ChatAddress("test", null, "C1", null, "U1", "jane", null);

	private static final ChatRequest REQUEST = new ChatRequest("", null, "hi".getBytes());

	/**
	 * Runs everything on the calling thread, so outcomes are known when accept returns.
	 */
	private final Executor direct = Runnable::run;

	private final ScriptedChatCommandHandler handler = new ScriptedChatCommandHandler();

	private final RecordingChatSender sender = new RecordingChatSender("test", 4000);

	private final SwitchableClaimStore claims = new SwitchableClaimStore(Clock.systemUTC());

	private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	private final InboundFlow flow = new InboundFlow(this.claims, runner(), this.meterRegistry);

	@Test
	void acceptWhenVerifiedAndNewShouldRunOnceAndCountAccepted() {
		InboundOutcome<String> outcome = this.flow.accept(platform(Duration.ofSeconds(1), "k1"), REQUEST);

		assertThat(outcome).isInstanceOfSatisfying(InboundOutcome.Accepted.class, (accepted) -> {
			assertThat(accepted.message()).isEqualTo("view");
			assertThat(accepted.replies()).contains(List.of(ChatReply.of(ADDRESS, "echo: pack get st2")));
		});
		assertThat(this.handler.commands()).hasSize(1);
		assertThat(count("accepted")).isEqualTo(1);
	}

	@Test
	void acceptWhenDeadlineIsZeroShouldDeliverThroughTheSender() {
		InboundOutcome<String> outcome = this.flow.accept(platform(Duration.ZERO, "k2"), REQUEST);

		assertThat(outcome).isInstanceOfSatisfying(InboundOutcome.Accepted.class,
				(accepted) -> assertThat(accepted.replies()).isEmpty());
		assertThat(this.sender.replies()).containsExactly(ChatReply.of(ADDRESS, "echo: pack get st2"));
	}

	@Test
	void acceptWhenRefusedByTheVerifierShouldNeitherParseNorRun() {
		ChatPlatform<String> platform = new ChatPlatform<>("test", (request) -> Verification.unauthorized("no"),
				(request) -> {
					throw new AssertionError("parsed an unverified request");
				}, Duration.ZERO);

		InboundOutcome<String> outcome = this.flow.accept(platform, REQUEST);

		assertThat(outcome).isEqualTo(new InboundOutcome.Refused<>(ChatRequestProblem.unauthorized("no")));
		assertThat(this.handler.commands()).isEmpty();
		assertThat(count("unauthorized")).isEqualTo(1);
	}

	@Test
	void acceptVerifiedShouldSkipTheVerifier() {
		ChatPlatform<String> platform = new ChatPlatform<>("test", (request) -> {
			throw new AssertionError("verified a request of an authenticated transport");
		}, platform(Duration.ZERO, "k3").parser(), Duration.ZERO);

		assertThat(this.flow.acceptVerified(platform, REQUEST)).isInstanceOf(InboundOutcome.Accepted.class);
	}

	@Test
	void acceptWhenAnyClaimKeyIsTakenShouldBeADuplicateAndRunNothing() {
		this.claims.claim("second", Duration.ofMinutes(1));

		InboundOutcome<String> outcome = this.flow.accept(platform(Duration.ZERO, "first", "second"), REQUEST);

		assertThat(outcome).isInstanceOf(InboundOutcome.Duplicate.class);
		assertThat(this.handler.commands()).isEmpty();
		assertThat(count("duplicate")).isEqualTo(1);
	}

	@Test
	void acceptWhenTheStoreFailsMidwayShouldRunNothingAndGiveUpItsClaims() {
		List<String> released = new ArrayList<>();
		ClaimStore failingOnSecond = new ClaimStore() {

			@Override
			public boolean claim(String key, Duration ttl) {
				if (key.equals("second")) {
					throw new StateUnavailableException("down", null);
				}
				return true;
			}

			@Override
			public void release(String key) {
				released.add(key);
			}

			@Override
			public String progress(String key) {
				throw new UnsupportedOperationException("the inbound flow records no progress");
			}

			@Override
			public void recordProgress(String key, String progress, Duration ttl) {
				throw new UnsupportedOperationException("the inbound flow records no progress");
			}

		};
		InboundFlow flow = new InboundFlow(failingOnSecond, runner(), this.meterRegistry);

		InboundOutcome<String> outcome = flow.accept(platform(Duration.ZERO, "first", "second"), REQUEST);

		assertThat(outcome).isInstanceOfSatisfying(InboundOutcome.Refused.class,
				(refused) -> assertThat(refused.problem().kind()).isEqualTo(ChatRequestProblem.Kind.UNAVAILABLE));
		assertThat(released).containsExactly("first");
		assertThat(this.handler.commands()).isEmpty();
		assertThat(count("unavailable")).isEqualTo(1);
	}

	@Test
	void acceptWhenPreparingRefusesShouldSendItsRepliesAndRunNothing() {
		ChatReply why = ChatReply.of(ADDRESS, "could not look you up");
		ChatPlatform<String> platform = new ChatPlatform<>("test", (request) -> Verification.verified(),
				(request) -> Parsed.command(InboundCommand
					.of("view", new ChatCommand(ADDRESS, "pack get st2", true), Duration.ofMinutes(1), "k4")
					.preparedBy((command) -> new Prepared.Refused(List.of(why)))),
				Duration.ZERO);

		this.flow.accept(platform, REQUEST);

		assertThat(this.handler.commands()).isEmpty();
		assertThat(this.sender.replies()).containsExactly(why);
	}

	@Test
	void acceptWhenIgnoredOrAHandshakeShouldRunNothingAndCountEach() {
		ChatPlatform<String> ignoring = new ChatPlatform<>("test", (request) -> Verification.verified(),
				(request) -> Parsed.ignored(), Duration.ZERO);
		ChatPlatform<String> handshaking = new ChatPlatform<>("test", (request) -> Verification.verified(),
				(request) -> new Parsed.Handshake<>("challenge"), Duration.ZERO);

		assertThat(this.flow.accept(ignoring, REQUEST)).isInstanceOf(InboundOutcome.Ignored.class);
		assertThat(this.flow.accept(handshaking, REQUEST)).isEqualTo(new InboundOutcome.Handshake<>("challenge"));
		assertThat(this.handler.commands()).isEmpty();
		assertThat(count("ignored")).isEqualTo(1);
		assertThat(count("verification")).isEqualTo(1);
	}

	@Test
	void acceptWhenUnparseableShouldCountInvalid() {
		ChatPlatform<String> platform = new ChatPlatform<>("test", (request) -> Verification.verified(),
				(request) -> Parsed.invalid("not JSON"), Duration.ZERO);

		assertThat(this.flow.accept(platform, REQUEST))
			.isEqualTo(new InboundOutcome.Refused<>(ChatRequestProblem.invalid("not JSON")));
		assertThat(count("invalid")).isEqualTo(1);
	}

	private ChatPlatform<String> platform(Duration deadline, String... claimKeys) {
		return new ChatPlatform<>("test", (request) -> Verification.verified(),
				(request) -> Parsed.command(InboundCommand.of("view", new ChatCommand(ADDRESS, "pack get st2", true),
						Duration.ofMinutes(1), claimKeys)),
				deadline);
	}

	private ChatCommandRunner runner() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("handler", this.handler);
		ChatDelivery delivery = new ChatDelivery(new ChatSenders(List.of(this.sender)),
				new DeliveryProperties(Duration.ofSeconds(1), Duration.ofMillis(1), Duration.ofMillis(1), null),
				Clock.systemUTC(), new RecordingSleeper(), this.meterRegistry);
		return new ChatCommandRunner(beans.getBeanProvider(ChatCommandHandler.class), delivery, this.direct);
	}

	private double count(String outcome) {
		return this.meterRegistry.counter("gateway.chat.webhooks", "platform", "test", "outcome", outcome).count();
	}

}
