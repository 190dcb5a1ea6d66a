package io.github.st2chatops.gateway.st2;

import java.util.List;

/**
 * An st2chatops.env name (ST2_API_URL ...) and a gateway.st2 setting are both set and
 * disagree: start-up stops rather than guess which one the operator meant.
 */
public class St2ChatopsSettingConflictException extends IllegalStateException {

	private final List<String> conflicts;

	St2ChatopsSettingConflictException(List<String> conflicts) {
		super("st2chatops settings disagree with gateway.st2 settings: " + String.join("; ", conflicts)
				+ ". Keep one of each pair (docs/migrate-from-st2chatops.md)");
		this.conflicts = List.copyOf(conflicts);
	}

	/**
	 * Each disagreement, naming both settings.
	 * @return the conflicts, never empty
	 */
	public List<String> conflicts() {
		return this.conflicts;
	}

}
