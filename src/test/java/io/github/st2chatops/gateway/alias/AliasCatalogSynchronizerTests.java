package io.github.st2chatops.gateway.alias;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.st2chatops.gateway.st2.St2ActionAlias;
import io.github.st2chatops.gateway.st2.St2Client;
import org.junit.jupiter.api.Test;

import org.springframework.scheduling.TaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * What a sync compiles: nothing when st2's aliases are unchanged, only the new formats
 * when some changed.
 */
class AliasCatalogSynchronizerTests {

	private final St2Client st2 = mock(St2Client.class);

	private final Clock clock = mock(Clock.class);

	private final AliasCatalogHolder holder = new AliasCatalogHolder();

	private final AliasCatalogSynchronizer synchronizer = new AliasCatalogSynchronizer(this.st2, this.holder,
			mock(TaskScheduler.class), Duration.ofMinutes(5), this.clock);

	@Test
	void syncWhenSt2ReturnsTheSameAliasesShouldKeepTheCatalogAndCompileNothing() {
		Instant first = Instant.parse("2026-12-06T01:00:00Z");
		Instant second = first.plusSeconds(300);
		given(this.clock.instant()).willReturn(first, second);
		// equal objects, not the same ones: st2 sends them anew every time
		given(this.st2.listActionAliases()).willReturn(aliases(100, "v1"), aliases(100, "v1"));
		assertThat(this.synchronizer.sync()).isTrue();
		AliasCatalog catalog = this.holder.current();

		assertThat(this.synchronizer.sync()).isTrue();

		assertThat(this.holder.current()).isSameAs(catalog);
		assertThat(this.holder.status().lastSuccess()).isEqualTo(second);
		assertThat(this.holder.status().aliasCount()).isEqualTo(100);
	}

	@Test
	void syncWhenOneAliasChangedShouldCompileOnlyItsNewFormat() {
		given(this.clock.instant()).willReturn(Instant.parse("2026-12-06T01:00:00Z"));
		List<St2ActionAlias> changed = new ArrayList<>(aliases(100, "v1"));
		changed.set(42, alias(42, "v2"));
		given(this.st2.listActionAliases()).willReturn(aliases(100, "v1"), changed);
		this.synchronizer.sync();

		assertThat(this.synchronizer.sync()).isTrue();

		assertThat(this.synchronizer.formatCache().lastCompiledCount()).isOne();
		assertThat(this.holder.current().match("deploy app42 v2 web to prod")).isInstanceOf(MatchOutcome.Matched.class);
		assertThat(this.holder.current().match("deploy app42 v1 web to prod")).isInstanceOf(MatchOutcome.NoMatch.class);
		assertThat(this.holder.current().match("deploy app7 v1 web to prod")).isInstanceOf(MatchOutcome.Matched.class);
	}

	@Test
	void syncWhenOnlyADescriptionChangedShouldSwapInTheNewAliasesAndCompileNothing() {
		given(this.clock.instant()).willReturn(Instant.parse("2026-12-06T01:00:00Z"));
		List<St2ActionAlias> changed = new ArrayList<>(aliases(10, "v1"));
		St2ActionAlias old = changed.get(3);
		changed.set(3,
				new St2ActionAlias(old.id(), old.name(), old.pack(), old.ref(), old.uid(), "new words", old.enabled(),
						old.actionRef(), old.formats(), old.ack(), old.result(), old.extra(),
						old.immutableParameters()));
		given(this.st2.listActionAliases()).willReturn(aliases(10, "v1"), changed);
		this.synchronizer.sync();

		this.synchronizer.sync();

		assertThat(this.synchronizer.formatCache().lastCompiledCount()).isZero();
		assertThat(this.holder.current().aliases().get(3).description()).isEqualTo("new words");
	}

	private static List<St2ActionAlias> aliases(int count, String version) {
		List<St2ActionAlias> aliases = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			aliases.add(alias(i, version));
		}
		return aliases;
	}

	private static St2ActionAlias alias(int i, String version) {
		return new St2ActionAlias("id" + i, "deploy" + i, "ops", "ops.deploy" + i, "action:ops:deploy" + i,
				"deploy app " + i, true, "ops.deploy",
				new ArrayList<>(List.of("deploy app" + i + " " + version + " {{name}} to {{env=staging}}")),
				Map.of("enabled", true), Map.of("enabled", true), null, null);
	}

}
