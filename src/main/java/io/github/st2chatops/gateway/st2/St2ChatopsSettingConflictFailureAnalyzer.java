package io.github.st2chatops.gateway.st2;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link St2ChatopsSettingConflictException} as Spring Boot's start-up failure
 * report: each conflict on its own line, without a stack trace.
 */
class St2ChatopsSettingConflictFailureAnalyzer extends AbstractFailureAnalyzer<St2ChatopsSettingConflictException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, St2ChatopsSettingConflictException cause) {
		String description = "st2chatops settings disagree with gateway.st2 settings:\n  - "
				+ String.join("\n  - ", cause.conflicts());
		String action = "Keep one of each pair: the gateway.st2 setting, or the st2chatops name "
				+ "(docs/migrate-from-st2chatops.md lists them).";
		return new FailureAnalysis(description, action, cause);
	}

}
