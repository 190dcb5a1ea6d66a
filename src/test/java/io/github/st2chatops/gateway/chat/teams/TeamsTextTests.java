package io.github.st2chatops.gateway.chat.teams;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class TeamsTextTests {

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void cleanShouldDropTheWebhookMentionAndMarkup(String text, String expected) {
		assertThat(TeamsText.clean(text)).isEqualTo(expected);
	}

	static Stream<Arguments> cleanShouldDropTheWebhookMentionAndMarkup() {
		return Stream.of(
				arguments(named("drops the webhook mention and decodes entities",
						"<at>st2</at>&nbsp;pack get \u201cst2\u201d\n"), "pack get \"st2\""),
				arguments(named("keeps later mentions as names", "<at>st2</at> grant <at>Adele Vance</at> access"),
						"grant Adele Vance access"),
				arguments(named("drops tags and keeps paragraphs as line breaks",
						"<p><at>st2</at> run <b>backup</b></p><p>now</p>"), "run backup\nnow"),
				arguments(named("keeps breaks as line breaks", "<at>st2</at> a<br>b<br/>c"), "a\nb\nc"),
				arguments(
						named("decodes escaped markup after dropping tags",
								"<at>st2</at> echo &lt;b&gt; &amp;&amp; &#39;x&#39; &#x2014; &quot;y&quot;"),
						"echo <b> && 'x' -- \"y\""),
				arguments(named("leaves unknown entities alone", "<at>st2</at> a &bogus; b"), "a &bogus; b"),
				arguments(named("reads mention tags with attributes and in any case", "<AT id=\"0\">st2</AT> help"),
						"help"),
				arguments(named("gives nothing for the mention alone", "<at>st2</at>"), ""),
				arguments(named("gives nothing for nothing", null), ""));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void cleanWhenEntitiesNameTheWebhooksMentionShouldDropThatOneOnly(String text, String expected) {
		assertThat(TeamsText.clean(text, List.of("<at>st2</at>"))).isEqualTo(expected);
	}

	static Stream<Arguments> cleanWhenEntitiesNameTheWebhooksMentionShouldDropThatOneOnly() {
		return Stream.of(
				arguments(named("after another mention", "<at>Alice</at> <at>st2</at> pack get st2"),
						"Alice pack get st2"),
				arguments(named("the first of two", "<at>st2</at> grant <at>st2</at>"), "grant st2"),
				arguments(named("between entities", "<at>Alice</at>&nbsp;<at>st2</at>&nbsp;run"), "Alice run"));
	}

	@Test
	void cleanWhenTheNamedMentionIsNotInTheTextShouldDropTheFirst() {
		assertThat(TeamsText.clean("<at>st2</at> help", List.of("<at>other</at>"))).isEqualTo("help");
	}

}
