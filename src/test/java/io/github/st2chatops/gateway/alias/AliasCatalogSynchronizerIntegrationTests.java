package io.github.st2chatops.gateway.alias;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;

import io.github.st2chatops.gateway.support.StubServer;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.notMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The synchronizer against WireMock as st2's {@code GET /api/v1/actionalias}: paging by
 * {@code X-Total-Count}, a failed sync keeping the last good catalog, and a format st2
 * would reject isolated from the rest.
 */
@SpringBootTest(properties = { "gateway.st2.api-key=st2-test-api-key", "gateway.st2.page-size=2",
		"gateway.st2.retry.max-retries=0", "gateway.catalog.refresh-interval=1h" })
class AliasCatalogSynchronizerIntegrationTests {

	@RegisterExtension
	static final StubServer st2 = StubServer.st2().resettingBeforeEach();

	@Autowired
	AliasCatalogSynchronizer synchronizer;

	@Autowired
	AliasCatalogHolder holder;

	@Autowired
	AliasCatalogHealthIndicator health;

	@Test
	void syncShouldFetchEveryPageAndSwapInTheCompiledCatalog() {
		stubPage(0, 5, alias("ops", "one", "one {{x}}"), alias("ops", "two", "two {{x}}"));
		stubPage(2, 5, alias("ops", "three", "three {{x}}"), alias("web", "four", "four {{x}}"));
		stubPage(4, 5, alias("web", "five", "five {{x}}"));

		assertThat(this.synchronizer.sync()).isTrue();

		assertThat(this.holder.current().size()).isEqualTo(5);
		assertThat(this.holder.current().match("five now")).isInstanceOf(MatchOutcome.Matched.class);
		assertThat(this.holder.status().loaded()).isTrue();
		assertThat(this.holder.status().lastError()).isNull();
		assertThat(this.health.health().getStatus()).isEqualTo(Status.UP);
		// pages of 2 at offsets 0, 2 and 4, and nothing past the total of 5
		for (String offset : new String[] { "0", "2", "4" }) {
			st2.verify(moreThanOrExactly(1),
					getRequestedFor(urlPathEqualTo("/api/v1/actionalias")).withQueryParam("limit", equalTo("2"))
						.withQueryParam("offset", equalTo(offset)));
		}
		st2.verify(0,
				getRequestedFor(urlPathEqualTo("/api/v1/actionalias")).withQueryParam("offset", notMatching("[024]")));
	}

	@Test
	void syncWhenSt2IsDownShouldKeepTheLastGoodCatalogAndReportIt() {
		stubPage(0, 1, alias("ops", "one", "one {{x}}"));
		assertThat(this.synchronizer.sync()).isTrue();
		st2.resetAll();
		st2.stubFor(get(urlPathEqualTo("/api/v1/actionalias")).willReturn(aResponse().withStatus(503)
			.withHeader("Content-Type", "text/html")
			.withBody("<html>503 Service Temporarily Unavailable</html>")));

		assertThat(this.synchronizer.sync()).isFalse();

		assertThat(this.holder.current().match("one thing")).isInstanceOf(MatchOutcome.Matched.class);
		CatalogStatus status = this.holder.status();
		assertThat(status.loaded()).isTrue();
		assertThat(status.aliasCount()).isEqualTo(1);
		assertThat(status.lastError()).contains("503").doesNotContain("<html>");
		assertThat(status.lastAttempt()).isAfterOrEqualTo(status.lastSuccess());
		assertThat(this.health.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void syncWhenAFormatIsInvalidShouldIsolateItAndKeepTheOthers() {
		stubPage(0, 2, alias("ops", "broken", "broken (unclosed {{x}}"), alias("ops", "fine", "fine {{x}}"));

		assertThat(this.synchronizer.sync()).isTrue();

		AliasCatalog catalog = this.holder.current();
		assertThat(catalog.match("fine thing")).isInstanceOf(MatchOutcome.Matched.class);
		assertThat(catalog.invalidFormats()).singleElement().satisfies((invalid) -> {
			assertThat(invalid.aliasRef()).isEqualTo("ops.broken");
			assertThat(invalid.format()).isEqualTo("broken (unclosed {{x}}");
			assertThat(invalid.reason()).isNotBlank();
		});
		assertThat(this.holder.status().invalidFormats()).hasSize(1);
	}

	private static void stubPage(int offset, int total, String... aliases) {
		st2.stubFor(get(urlPathEqualTo("/api/v1/actionalias")).withQueryParam("offset", equalTo(String.valueOf(offset)))
			.willReturn(okJson("[" + String.join(",", aliases) + "]").withHeader("X-Total-Count", String.valueOf(total))
				.withHeader("X-Limit", "2")));
	}

	private static String alias(String pack, String name, String format) {
		return """
				{"id": "%s", "name": "%s", "pack": "%s", "ref": "%s.%s", "uid": "action:%s:%s",
				 "description": "%s", "enabled": true, "action_ref": "core.local",
				 "formats": ["%s"], "ack": {"enabled": true}, "result": {"enabled": true}}"""
			.formatted(Integer.toHexString((pack + name).hashCode()), name, pack, pack, name, pack, name, name, format);
	}

}
