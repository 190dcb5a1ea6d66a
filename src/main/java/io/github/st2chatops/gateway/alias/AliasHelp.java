package io.github.st2chatops.gateway.alias;

import java.util.ArrayList;
import java.util.List;

/**
 * The help listing of a catalog, as st2's {@code generate_helpstring_result} builds it:
 * the display strings of enabled aliases that pass the filter, one page of them.
 *
 * @param available how many display strings passed the filter (on every page)
 * @param packs the page's entries grouped by pack, packs in order of first appearance
 */
public record AliasHelp(int available, List<Pack> packs) {

	public AliasHelp {
		packs = List.copyOf(packs);
	}

	/**
	 * The page's entries in catalog order within each pack.
	 * @return all entries
	 */
	public List<Entry> entries() {
		List<Entry> entries = new ArrayList<>();
		for (Pack pack : this.packs) {
			entries.addAll(pack.entries());
		}
		return entries;
	}

	/**
	 * One pack's entries.
	 *
	 * @param name the pack
	 * @param entries its entries on the page
	 */
	public record Pack(String name, List<Entry> entries) {

		public Pack {
			entries = List.copyOf(entries);
		}

	}

	/**
	 * One help line.
	 *
	 * @param ref the alias ({@code pack.name})
	 * @param display the format's display string
	 * @param description the alias's description, may be {@code null}
	 */
	public record Entry(String ref, String display, String description) {
	}

}
