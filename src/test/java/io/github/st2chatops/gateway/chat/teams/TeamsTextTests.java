package io.github.st2chatops.gateway.chat.teams;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TeamsTextTests {

	@Test
	void cleanShouldDropTheWebhookMentionAndDecodeEntities() {
		assertThat(TeamsText.clean("<at>st2</at>&nbsp;pack get \u201cst2\u201d\n")).isEqualTo("pack get \"st2\"");
	}

	@Test
	void cleanShouldKeepLaterMentionsAsNames() {
		assertThat(TeamsText.clean("<at>st2</at> grant <at>Adele Vance</at> access"))
			.isEqualTo("grant Adele Vance access");
	}

	@Test
	void cleanShouldDropTagsAndKeepLineBreaks() {
		assertThat(TeamsText.clean("<p><at>st2</at> run <b>backup</b></p><p>now</p>")).isEqualTo("run backup\nnow");
		assertThat(TeamsText.clean("<at>st2</at> a<br>b<br/>c")).isEqualTo("a\nb\nc");
	}

	@Test
	void cleanShouldDecodeEscapedMarkupAfterDroppingTags() {
		assertThat(TeamsText.clean("<at>st2</at> echo &lt;b&gt; &amp;&amp; &#39;x&#39; &#x2014; &quot;y&quot;"))
			.isEqualTo("echo <b> && 'x' -- \"y\"");
	}

	@Test
	void cleanShouldLeaveUnknownEntitiesAlone() {
		assertThat(TeamsText.clean("<at>st2</at> a &bogus; b")).isEqualTo("a &bogus; b");
	}

	@Test
	void cleanShouldReadMentionTagsWithAttributesAndAnyCase() {
		assertThat(TeamsText.clean("<AT id=\"0\">st2</AT> help")).isEqualTo("help");
	}

	@Test
	void cleanOfNothingShouldBeEmpty() {
		assertThat(TeamsText.clean(null)).isEmpty();
		assertThat(TeamsText.clean("<at>st2</at>")).isEmpty();
	}

	@Test
	void cleanWhenEntitiesNameTheWebhooksMentionShouldDropThatOneOnly() {
		assertThat(TeamsText.clean("<at>Alice</at> <at>st2</at> pack get st2", List.of("<at>st2</at>")))
			.isEqualTo("Alice pack get st2");
		assertThat(TeamsText.clean("<at>st2</at> grant <at>st2</at>", List.of("<at>st2</at>"))).isEqualTo("grant st2");
		assertThat(TeamsText.clean("<at>Alice</at>&nbsp;<at>st2</at>&nbsp;run", List.of("<at>st2</at>")))
			.isEqualTo("Alice run");
	}

	@Test
	void cleanWhenTheNamedMentionIsNotInTheTextShouldDropTheFirst() {
		assertThat(TeamsText.clean("<at>st2</at> help", List.of("<at>other</at>"))).isEqualTo("help");
	}

}
