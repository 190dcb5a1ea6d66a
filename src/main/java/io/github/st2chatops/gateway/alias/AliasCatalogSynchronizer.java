package io.github.st2chatops.gateway.alias;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.st2chatops.gateway.st2.St2ActionAlias;
import io.github.st2chatops.gateway.st2.St2AuthenticationException;
import io.github.st2chatops.gateway.st2.St2Exception;
import io.github.st2chatops.gateway.st2.St2Operations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Keeps the catalog in step with st2: a full, paged sync at start and every
 * {@code gateway.catalog.refresh-interval}, plus one on request (st2 reported an alias
 * change). A failed sync keeps the last good catalog and is reported in its status.
 *
 * <p>
 * A sync compiles only what changed: when st2 returns the same aliases as last time
 * (equal objects, field by field), the current catalog stays and nothing is compiled;
 * otherwise the new snapshot takes every format it shares with the last one from a
 * {@link CompiledFormatCache} and compiles only new or changed formats.
 */
public class AliasCatalogSynchronizer implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(AliasCatalogSynchronizer.class);

	private final St2Operations st2;

	private final AliasCatalogHolder holder;

	private final TaskScheduler scheduler;

	private final Duration interval;

	private final Clock clock;

	private final Object syncLock = new Object();

	private final AtomicBoolean refreshPending = new AtomicBoolean();

	private volatile ScheduledFuture<?> schedule;

	// guarded by syncLock
	private final CompiledFormatCache formats = new CompiledFormatCache();

	// guarded by syncLock: what st2 returned for the current catalog
	private List<St2ActionAlias> lastFetched;

	AliasCatalogSynchronizer(St2Operations st2, AliasCatalogHolder holder, TaskScheduler scheduler, Duration interval,
			Clock clock) {
		this.st2 = st2;
		this.holder = holder;
		this.scheduler = scheduler;
		this.interval = interval;
		this.clock = clock;
	}

	/**
	 * Fetches every alias from st2 and swaps in the compiled catalog; on failure keeps
	 * the current one. One sync runs at a time.
	 * @return whether the sync succeeded
	 */
	public boolean sync() {
		synchronized (this.syncLock) {
			this.refreshPending.set(false);
			try {
				List<St2ActionAlias> fetched = this.st2.listActionAliases();
				if (fetched.equals(this.lastFetched) && this.holder.status().loaded()) {
					// nothing changed in st2: keep the catalog, record the successful
					// sync
					this.holder.replace(this.holder.current(), this.clock.instant());
					return true;
				}
				List<AliasDefinition> definitions = fetched.stream()
					.map(AliasCatalogSynchronizer::toDefinition)
					.toList();
				AliasCatalog catalog = AliasCatalog.compile(definitions, this.formats);
				boolean changed = catalog.size() != this.holder.current().size() || !this.holder.status().loaded();
				this.holder.replace(catalog, this.clock.instant());
				this.lastFetched = List.copyOf(fetched);
				if (changed) {
					logger.info("Alias catalog synced: {} aliases, {} invalid formats", catalog.size(),
							catalog.invalidFormats().size());
				}
				else {
					logger.debug("Alias catalog synced: {} aliases, {} formats compiled anew", catalog.size(),
							this.formats.lastCompiledCount());
				}
				return true;
			}
			catch (St2Exception ex) {
				this.holder.recordFailure(this.clock.instant(), ex.getMessage(),
						ex instanceof St2AuthenticationException);
				logger.warn("Alias catalog sync failed, keeping the last good catalog: {}", ex.getMessage());
				return false;
			}
			catch (RuntimeException ex) {
				this.holder.recordFailure(this.clock.instant(), "unexpected error: " + ex.getClass().getSimpleName(),
						false);
				logger.error("Alias catalog sync failed unexpectedly, keeping the last good catalog", ex);
				return false;
			}
		}
	}

	/**
	 * Asks for a sync soon, without waiting for it; requests that arrive while one is
	 * pending are folded into it.
	 */
	public void requestRefresh() {
		if (this.refreshPending.compareAndSet(false, true)) {
			this.scheduler.schedule(this::sync, this.clock.instant());
		}
	}

	CompiledFormatCache formatCache() {
		return this.formats;
	}

	static AliasDefinition toDefinition(St2ActionAlias alias) {
		return new AliasDefinition(alias.effectiveRef(), alias.pack(), alias.name(), alias.description(),
				alias.isEnabled(), alias.formats(), alias.ack(), alias.extra());
	}

	@Override
	public void start() {
		this.schedule = this.scheduler.scheduleWithFixedDelay(this::sync, this.clock.instant(), this.interval);
	}

	@Override
	public void stop() {
		ScheduledFuture<?> current = this.schedule;
		if (current != null) {
			current.cancel(false);
			this.schedule = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.schedule != null;
	}

}
