package io.github.st2chatops.gateway.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.st2chatops.gateway.simulator.JinjaExpressions.Expr;
import io.github.st2chatops.gateway.simulator.JinjaExpressions.Kind;
import io.github.st2chatops.gateway.simulator.JinjaExpressions.Parser;
import io.github.st2chatops.gateway.simulator.JinjaValues.Callable;
import io.github.st2chatops.gateway.simulator.JinjaValues.Undefined;

/**
 * The part of Jinja2 that st2's chatops templates use (alias {@code ack.format},
 * {@code result.format}, {@code extra}, and chatops' {@code default.j2}), rendered the
 * way st2 sets Jinja2 up: {@code trim_blocks} and {@code lstrip_blocks} on, no
 * autoescaping, one trailing newline dropped, values printed as Python prints them.
 * Statements: {@code if/elif/else}, {@code for} (with {@code else} and {@code loop}),
 * {@code set}, {@code macro}; whitespace control with {@code -} and {@code +}.
 *
 * <p>
 * Undefined values behave like Jinja2's {@code Undefined} (st2's
 * {@code format_execution_result}) or, when rendering strictly, like
 * {@code StrictUndefined} (st2's {@code render_values}, used for the ack).
 */
final class JinjaTemplate {

	private final List<Node> nodes;

	private JinjaTemplate(List<Node> nodes) {
		this.nodes = nodes;
	}

	static JinjaTemplate parse(String source) {
		List<Segment> segments = lex(source);
		TemplateParser parser = new TemplateParser(segments);
		List<Node> nodes = parser.body(Set.of());
		if (parser.position < segments.size()) {
			throw new JinjaException("unexpected '" + segments.get(parser.position).text() + "'");
		}
		return new JinjaTemplate(nodes);
	}

	/**
	 * Renders the template.
	 * @param context the variables
	 * @param strictUndefined fail on any use of an undefined value, as st2's
	 * {@code render_values} does
	 * @return the text
	 * @throws JinjaException with Jinja2's message when rendering fails
	 */
	String render(Map<String, ?> context, boolean strictUndefined) {
		Scope scope = new Scope(null, strictUndefined);
		scope.variables.putAll(context);
		StringBuilder out = new StringBuilder();
		renderAll(this.nodes, scope, out);
		return out.toString();
	}

	static String render(String source, Map<String, ?> context, boolean strictUndefined) {
		return parse(source).render(context, strictUndefined);
	}

	/** Variables of the template, a {@code for} body or a macro call. */
	static final class Scope {

		private final Scope parent;

		private final boolean strict;

		private final Map<String, Object> variables = new HashMap<>();

		Scope(Scope parent, boolean strict) {
			this.parent = parent;
			this.strict = strict;
		}

		boolean strict() {
			return this.strict;
		}

		Object lookup(String name) {
			for (Scope scope = this; scope != null; scope = scope.parent) {
				if (scope.variables.containsKey(name)) {
					return scope.variables.get(name);
				}
			}
			return new Undefined("'" + name + "' is undefined");
		}

		Scope root() {
			Scope scope = this;
			while (scope.parent != null) {
				scope = scope.parent;
			}
			return scope;
		}

		void set(String name, Object value) {
			this.variables.put(name, value);
		}

	}

	// Lexing: text, {{ expression }}, {% statement %}; comments are dropped

	enum SegmentKind {

		TEXT, OUTPUT, STATEMENT

	}

	record Segment(SegmentKind kind, String text) {

	}

	static List<Segment> lex(String template) {
		String source = template.replace("\r\n", "\n");
		// Jinja2's keep_trailing_newline=False
		if (source.endsWith("\n")) {
			source = source.substring(0, source.length() - 1);
		}
		List<Segment> segments = new ArrayList<>();
		int position = 0;
		boolean lineStarting = true;
		int length = source.length();
		while (position <= length) {
			int start = nextTag(source, position);
			String text = source.substring(position, (start < 0) ? length : start);
			if (start < 0) {
				if (!text.isEmpty()) {
					segments.add(new Segment(SegmentKind.TEXT, text));
				}
				break;
			}
			char kind = source.charAt(start + 1);
			int innerStart = start + 2;
			char modifier = (innerStart < length) ? source.charAt(innerStart) : 0;
			if (modifier == '-') {
				text = text.stripTrailing();
				innerStart++;
			}
			else if (modifier == '+' && kind != '{') {
				innerStart++;
			}
			else if (kind != '{') {
				// lstrip_blocks: drop the indentation of a line that starts with a block
				// tag
				int lineStart = text.lastIndexOf('\n') + 1;
				if ((lineStart > 0 || lineStarting)
						&& text.substring(lineStart).chars().allMatch((c) -> c == ' ' || c == '\t')) {
					text = text.substring(0, lineStart);
				}
			}
			if (!text.isEmpty()) {
				segments.add(new Segment(SegmentKind.TEXT, text));
			}
			String close = (kind == '{') ? "}}" : (kind == '%') ? "%}" : "#}";
			int end = findClose(source, innerStart, close, kind != '#');
			if (end < 0) {
				throw new JinjaException("unexpected end of template, expected '" + close + "'");
			}
			String inner = source.substring(innerStart, end);
			position = end + 2;
			boolean keepNewline = false;
			if (inner.endsWith("-")) {
				inner = inner.substring(0, inner.length() - 1);
				while (position < length && Character.isWhitespace(source.charAt(position))) {
					position++;
				}
			}
			else if (inner.endsWith("+") && kind != '{') {
				inner = inner.substring(0, inner.length() - 1);
				keepNewline = true;
			}
			else if (kind != '{' && position < length && source.charAt(position) == '\n') {
				// trim_blocks: the first newline after a block tag goes
				position++;
			}
			lineStarting = !keepNewline && position > 0 && source.charAt(position - 1) == '\n';
			if (kind == '{') {
				segments.add(new Segment(SegmentKind.OUTPUT, inner.strip()));
			}
			else if (kind == '%') {
				segments.add(new Segment(SegmentKind.STATEMENT, inner.strip()));
			}
		}
		return segments;
	}

	private static int nextTag(String source, int from) {
		int at = source.indexOf('{', from);
		while (at >= 0 && at + 1 < source.length()) {
			char next = source.charAt(at + 1);
			if (next == '{' || next == '%' || next == '#') {
				return at;
			}
			at = source.indexOf('{', at + 1);
		}
		return -1;
	}

	private static int findClose(String source, int from, String close, boolean skipStrings) {
		int i = from;
		while (i < source.length()) {
			char c = source.charAt(i);
			if (skipStrings && (c == '\'' || c == '"')) {
				int end = i + 1;
				while (end < source.length() && source.charAt(end) != c) {
					end += (source.charAt(end) == '\\') ? 2 : 1;
				}
				i = end + 1;
			}
			else if (source.startsWith(close, i)) {
				return i;
			}
			else {
				i++;
			}
		}
		return -1;
	}

	// The template tree

	interface Node {

		void render(Scope scope, StringBuilder out);

	}

	record Text(String text) implements Node {

		@Override
		public void render(Scope scope, StringBuilder out) {
			out.append(this.text);
		}

	}

	record Output(Expr expression) implements Node {

		@Override
		public void render(Scope scope, StringBuilder out) {
			out.append(JinjaValues.str(this.expression.eval(scope), scope.strict()));
		}

	}

	record Branch(Expr condition, List<Node> body) {

	}

	record If(List<Branch> branches, List<Node> otherwise) implements Node {

		@Override
		public void render(Scope scope, StringBuilder out) {
			for (Branch branch : this.branches) {
				if (JinjaValues.truthy(branch.condition().eval(scope), scope.strict())) {
					renderAll(branch.body(), scope, out);
					return;
				}
			}
			renderAll(this.otherwise, scope, out);
		}

	}

	record For(List<String> targets, Expr iterable, List<Node> body, List<Node> otherwise) implements Node {

		@Override
		public void render(Scope scope, StringBuilder out) {
			List<Object> items = JinjaValues.iterate(this.iterable.eval(scope), scope.strict());
			if (items.isEmpty()) {
				renderAll(this.otherwise, scope, out);
				return;
			}
			for (int i = 0; i < items.size(); i++) {
				Scope body = new Scope(scope, scope.strict());
				assign(body, this.targets, items.get(i));
				Map<String, Object> loop = new LinkedHashMap<>();
				loop.put("index", (long) i + 1);
				loop.put("index0", (long) i);
				loop.put("revindex", (long) (items.size() - i));
				loop.put("revindex0", (long) (items.size() - i - 1));
				loop.put("first", i == 0);
				loop.put("last", i == items.size() - 1);
				loop.put("length", (long) items.size());
				body.set("loop", loop);
				renderAll(this.body, body, out);
			}
		}

	}

	record SetVariable(List<String> targets, Expr value) implements Node {

		@Override
		public void render(Scope scope, StringBuilder out) {
			assign(scope, this.targets, this.value.eval(scope));
		}

	}

	record Macro(String name, List<String> parameters, Map<String, Expr> defaults, List<Node> body) implements Node {

		@Override
		public void render(Scope scope, StringBuilder out) {
			Scope definedIn = scope;
			scope.set(this.name, (Callable) (args, kwargs) -> {
				Scope call = new Scope(definedIn.root(), definedIn.strict());
				for (int i = 0; i < this.parameters.size(); i++) {
					String parameter = this.parameters.get(i);
					if (i < args.size()) {
						call.set(parameter, args.get(i));
					}
					else if (kwargs.containsKey(parameter)) {
						call.set(parameter, kwargs.get(parameter));
					}
					else if (this.defaults.containsKey(parameter)) {
						call.set(parameter, this.defaults.get(parameter).eval(call));
					}
					else {
						call.set(parameter, new Undefined("parameter '" + parameter + "' was not provided"));
					}
				}
				StringBuilder text = new StringBuilder();
				renderAll(this.body, call, text);
				return text.toString();
			});
		}

	}

	private static void assign(Scope scope, List<String> targets, Object value) {
		if (targets.size() == 1) {
			scope.set(targets.get(0), value);
			return;
		}
		List<Object> values = JinjaValues.iterate(value, scope.strict());
		if (values.size() != targets.size()) {
			throw new JinjaException("too many values to unpack (expected " + targets.size() + ")");
		}
		for (int i = 0; i < targets.size(); i++) {
			scope.set(targets.get(i), values.get(i));
		}
	}

	static void renderAll(List<Node> nodes, Scope scope, StringBuilder out) {
		for (Node node : nodes) {
			node.render(scope, out);
		}
	}

	private static final class TemplateParser {

		private final List<Segment> segments;

		private int position;

		TemplateParser(List<Segment> segments) {
			this.segments = segments;
		}

		/**
		 * Nodes up to (not including) a statement whose keyword is one of the
		 * terminators.
		 */
		List<Node> body(Set<String> terminators) {
			List<Node> nodes = new ArrayList<>();
			while (this.position < this.segments.size()) {
				Segment segment = this.segments.get(this.position);
				switch (segment.kind()) {
					case TEXT -> {
						nodes.add(new Text(segment.text()));
						this.position++;
					}
					case OUTPUT -> {
						Parser parser = new Parser(JinjaExpressions.tokenize(segment.text()));
						Expr expression = parser.expression();
						parser.expectEnd();
						nodes.add(new Output(expression));
						this.position++;
					}
					case STATEMENT -> {
						String keyword = keyword(segment.text());
						if (terminators.contains(keyword)) {
							return nodes;
						}
						this.position++;
						nodes.add(statement(keyword, segment.text()));
					}
				}
			}
			if (!terminators.isEmpty()) {
				throw new JinjaException("unexpected end of template, expected one of " + terminators);
			}
			return nodes;
		}

		private static String keyword(String statement) {
			int space = 0;
			while (space < statement.length() && Character.isLetter(statement.charAt(space))) {
				space++;
			}
			return statement.substring(0, space);
		}

		private Node statement(String keyword, String statement) {
			Parser parser = new Parser(JinjaExpressions.tokenize(statement));
			parser.next();
			return switch (keyword) {
				case "if" -> conditional(parser);
				case "for" -> loop(parser);
				case "set" -> {
					List<String> targets = targets(parser);
					parser.expect("=");
					Expr value = parser.expression();
					parser.expectEnd();
					yield new SetVariable(targets, value);
				}
				case "macro" -> macro(parser);
				default -> throw new JinjaException("Encountered unknown tag '" + keyword + "'.");
			};
		}

		private Node conditional(Parser parser) {
			List<Branch> branches = new ArrayList<>();
			Expr condition = parser.expression();
			parser.expectEnd();
			while (true) {
				List<Node> body = body(Set.of("elif", "else", "endif"));
				branches.add(new Branch(condition, body));
				Parser closing = closing();
				String keyword = closing.next().text();
				if (keyword.equals("elif")) {
					condition = closing.expression();
					closing.expectEnd();
				}
				else if (keyword.equals("else")) {
					List<Node> otherwise = body(Set.of("endif"));
					closing();
					return new If(branches, otherwise);
				}
				else {
					return new If(branches, List.of());
				}
			}
		}

		private Node loop(Parser parser) {
			List<String> targets = targets(parser);
			parser.expect("in");
			Expr iterable = parser.expression();
			parser.expectEnd();
			List<Node> body = body(Set.of("else", "endfor"));
			Parser closing = closing();
			List<Node> otherwise = List.of();
			if (closing.next().text().equals("else")) {
				otherwise = body(Set.of("endfor"));
				closing();
			}
			return new For(targets, iterable, body, otherwise);
		}

		private Node macro(Parser parser) {
			String name = parser.expectName();
			List<String> parameters = new ArrayList<>();
			Map<String, Expr> defaults = new LinkedHashMap<>();
			parser.expect("(");
			while (!parser.peek().is(")")) {
				String parameter = parser.expectName();
				parameters.add(parameter);
				if (parser.skip("=")) {
					defaults.put(parameter, parser.expression());
				}
				if (!parser.skip(",")) {
					break;
				}
			}
			parser.expect(")");
			parser.expectEnd();
			List<Node> body = body(Set.of("endmacro"));
			closing();
			return new Macro(name, parameters, defaults, body);
		}

		private static List<String> targets(Parser parser) {
			List<String> targets = new ArrayList<>();
			targets.add(parser.expectName());
			while (parser.skip(",")) {
				targets.add(parser.expectName());
			}
			return targets;
		}

		// the statement that ended a body, positioned on its keyword
		private Parser closing() {
			Segment segment = this.segments.get(this.position++);
			Parser parser = new Parser(JinjaExpressions.tokenize(segment.text()));
			if (parser.peek().kind() != Kind.NAME) {
				throw new JinjaException("unexpected '" + segment.text() + "'");
			}
			return parser;
		}

	}

}
