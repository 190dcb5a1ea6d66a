package io.github.st2chatops.gateway.alias;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the formats worth trying for a command without trying them all: a radix tree of
 * the literal texts formats start with ({@link LiteralPrefixes}), walked along the
 * command, plus the formats that start with a parameter or a regex construct, which are
 * always tried. A format the walk does not reach cannot match the command, so the result
 * is the same as trying every format.
 */
final class FormatIndex {

	private static final int[] NONE = new int[0];

	private final Node root;

	private final int[] unindexed;

	private final int indexed;

	private FormatIndex(Node root, int[] unindexed, int indexed) {
		this.root = root;
		this.unindexed = unindexed;
		this.indexed = indexed;
	}

	/**
	 * Builds the index of a catalog's compiled entries.
	 * @param entries the entries in st2 order
	 * @return the index
	 */
	static FormatIndex build(List<CatalogEntry> entries) {
		Builder root = new Builder();
		List<Integer> unindexed = new ArrayList<>();
		int indexed = 0;
		for (CatalogEntry entry : entries) {
			if (entry.compiled() == null) {
				continue;
			}
			List<String> prefixes = entry.compiled().literalPrefixes();
			if (prefixes == null) {
				unindexed.add(entry.order());
				continue;
			}
			indexed++;
			for (String prefix : prefixes) {
				Builder node = root;
				for (int i = 0; i < prefix.length(); i++) {
					node = node.children.computeIfAbsent(prefix.charAt(i), (c) -> new Builder());
				}
				if (node.entries.isEmpty() || node.entries.get(node.entries.size() - 1) != entry.order()) {
					node.entries.add(entry.order());
				}
			}
		}
		return new FormatIndex(root.build(""), toArray(unindexed), indexed);
	}

	/**
	 * The entries that may match a command.
	 * @param command the prepared command
	 * @return entry orders, ascending, each once
	 */
	int[] candidates(ParsedCommand command) {
		String text = command.stream();
		int[] result = this.unindexed;
		int count = result.length;
		boolean copied = false;
		Node node = this.root;
		int i = PyChars.firstNonSpace(text);
		while (node != null && text.startsWith(node.label, i)) {
			i += node.label.length();
			if (node.entries.length > 0) {
				if (count == 0) {
					result = node.entries;
					count = result.length;
				}
				else {
					if (!copied) {
						result = Arrays.copyOf(result, count + node.entries.length + 8);
						copied = true;
					}
					else if (count + node.entries.length > result.length) {
						result = Arrays.copyOf(result, (count + node.entries.length) * 2);
					}
					System.arraycopy(node.entries, 0, result, count, node.entries.length);
					count += node.entries.length;
				}
			}
			node = (i < text.length()) ? node.child(text.charAt(i)) : null;
		}
		if (!copied) {
			return result;
		}
		Arrays.sort(result, 0, count);
		int distinct = 0;
		for (int k = 0; k < count; k++) {
			if (distinct == 0 || result[k] != result[distinct - 1]) {
				result[distinct++] = result[k];
			}
		}
		return Arrays.copyOf(result, distinct);
	}

	/**
	 * How many formats are reached through the trie.
	 * @return the count
	 */
	int indexedCount() {
		return this.indexed;
	}

	/**
	 * How many formats are tried for every command.
	 * @return the count
	 */
	int unindexedCount() {
		return this.unindexed.length;
	}

	private static int[] toArray(List<Integer> values) {
		return values.isEmpty() ? NONE : values.stream().mapToInt(Integer::intValue).toArray();
	}

	private static final class Builder {

		private final Map<Character, Builder> children = new TreeMap<>();

		private final List<Integer> entries = new ArrayList<>();

		/**
		 * Freezes the trie, merging chains of nodes that have one child and no entries
		 * into one edge (a radix tree): fewer nodes to visit, fewer cache misses.
		 */
		Node build(String label) {
			StringBuilder edge = new StringBuilder(label);
			Builder node = this;
			while (node.entries.isEmpty() && node.children.size() == 1) {
				Map.Entry<Character, Builder> only = node.children.entrySet().iterator().next();
				edge.append(only.getKey().charValue());
				node = only.getValue();
			}
			char[] keys = new char[node.children.size()];
			Node[] nodes = new Node[keys.length];
			int i = 0;
			for (Map.Entry<Character, Builder> child : node.children.entrySet()) {
				keys[i] = child.getKey();
				nodes[i] = child.getValue().build(String.valueOf(child.getKey().charValue()));
				i++;
			}
			return new Node(edge.toString(), keys, nodes, toArray(node.entries));
		}

	}

	private static final class Node {

		/** The text from the parent to this node, the first character being its key. */
		private final String label;

		private final char[] keys;

		private final Node[] children;

		private final int[] entries;

		Node(String label, char[] keys, Node[] children, int[] entries) {
			this.label = label;
			this.keys = keys;
			this.children = children;
			this.entries = entries;
		}

		Node child(char c) {
			int at = (this.keys.length == 1) ? ((this.keys[0] == c) ? 0 : -1) : Arrays.binarySearch(this.keys, c);
			return (at >= 0) ? this.children[at] : null;
		}

	}

}
