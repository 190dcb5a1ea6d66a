package io.github.st2chatops.gateway.chat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ResponseUrlPolicy}.
 */
class ResponseUrlPolicyTests {

	private final ResponseUrlPolicy policy = new ResponseUrlPolicy("slack", "gateway.chat.slack.response-url-hosts",
			List.of("hooks.slack.com", "*.chat.example.com"), URI.create("https://slack.com/api"));

	@Test
	void refusalWhenHostIsAllowedShouldBeEmpty() {
		assertThat(List.of("https://hooks.slack.com/commands/T1/2/abc", "https://HOOKS.slack.com/commands/T1/2/abc",
				"https://slack.com/x", "https://eu.chat.example.com/x"))
			.allSatisfy((url) -> assertThat(this.policy.refusal(url)).as(url).isEmpty());
	}

	@Test
	void refusalWhenHostIsLoopbackPrivateOrLookalikeShouldNameTheHostAndTheSetting() {
		for (String url : List.of("http://127.0.0.1:8080/x", "http://localhost/x", "http://[::1]/x",
				"http://10.0.0.1/x", "http://169.254.169.254/latest/meta-data",
				"https://hooks.slack.com.evil.example/x", "https://chat.example.com/x",
				"https://evilchat.example.com/x")) {
			assertThat(this.policy.refusal(url)).as(url)
				.hasValueSatisfying((reason) -> assertThat(reason).contains("gateway.chat.slack.response-url-hosts")
					.doesNotContain("/x"));
		}
	}

	@Test
	void refusalWhenUrlIsNotHttpWithAHostShouldSaySo() {
		assertThat(List.of("file:///etc/passwd", "https://user:pw@hooks.slack.com/x", "not a url", "/relative"))
			.allSatisfy((url) -> assertThat(this.policy.refusal(url)).as(url).isPresent());
	}

	@Test
	void shouldTryWhenRefusedShouldBeFalseAndStayFalse() {
		ChatAddress refused = new ChatAddress("slack", null, "C1", null, "U1", null, "http://10.0.0.1/x");
		ChatAddress allowed = new ChatAddress("slack", null, "C1", null, "U1", null, "https://hooks.slack.com/x");

		assertThat(this.policy.shouldTry(refused)).isFalse();
		assertThat(this.policy.shouldTry(refused)).isFalse();
		assertThat(this.policy.shouldTry(allowed)).isTrue();
		this.policy.unusable(allowed);
		assertThat(this.policy.shouldTry(allowed)).isFalse();
	}

	@Test
	void checkedHostsWhenAnEntryIsAUrlShouldNameTheProperty() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ResponseUrlPolicy.checkedHosts("gateway.chat.slack.response-url-hosts",
					List.of("https://hooks.slack.com")))
			.withMessageContaining("gateway.chat.slack.response-url-hosts");
		assertThat(ResponseUrlPolicy.checkedHosts("p", List.of(" Hooks.Slack.com ", "")))
			.containsExactly("hooks.slack.com");
	}

}
