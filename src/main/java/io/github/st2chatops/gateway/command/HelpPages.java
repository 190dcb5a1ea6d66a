package io.github.st2chatops.gateway.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.st2chatops.gateway.alias.AliasHelp;

/**
 * Help paging, in one place: one page of the entries a requester may see, grouped by pack
 * in order of first appearance, with the count of all of them.
 */
final class HelpPages {

	private HelpPages() {
	}

	/**
	 * One page.
	 * @param visible every entry the requester may see, in catalog order
	 * @param offset how many to skip
	 * @param limit how many to show, 0 for all
	 * @return the page
	 */
	static AliasHelp page(List<AliasHelp.Entry> visible, int offset, int limit) {
		int from = Math.min(offset, visible.size());
		int to = (limit > 0) ? Math.min(visible.size(), from + limit) : visible.size();
		Map<String, List<AliasHelp.Entry>> packs = new LinkedHashMap<>();
		for (AliasHelp.Entry entry : visible.subList(from, to)) {
			packs.computeIfAbsent(pack(entry.ref()), (name) -> new ArrayList<>()).add(entry);
		}
		List<AliasHelp.Pack> grouped = new ArrayList<>();
		packs.forEach((name, entries) -> grouped.add(new AliasHelp.Pack(name, entries)));
		return new AliasHelp(visible.size(), grouped);
	}

	private static String pack(String ref) {
		int dot = ref.indexOf('.');
		return (dot > 0) ? ref.substring(0, dot) : ref;
	}

}
