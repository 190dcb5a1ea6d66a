package io.github.st2chatops.gateway.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.st2chatops.gateway.simulator.JinjaTemplate.Scope;
import io.github.st2chatops.gateway.simulator.JinjaValues.Callable;
import io.github.st2chatops.gateway.simulator.JinjaValues.Undefined;

/**
 * Jinja2 expressions: tokens, a parser with Jinja2's precedence (filters and tests bind
 * tighter than arithmetic, arithmetic tighter than comparisons, then {@code not},
 * {@code and}, {@code or}, the conditional expression) and the expression tree.
 */
final class JinjaExpressions {

	private JinjaExpressions() {
	}

	enum Kind {

		NAME, STRING, INTEGER, FLOAT, OPERATOR, END

	}

	record Token(Kind kind, String text, Object value) {

		boolean is(String operatorOrName) {
			return (this.kind == Kind.OPERATOR || this.kind == Kind.NAME) && this.text.equals(operatorOrName);
		}

	}

	private static final Set<String> TWO_CHAR_OPERATORS = Set.of("==", "!=", "<=", ">=", "//", "**");

	private static final String ONE_CHAR_OPERATORS = "+-*/%~|.,:()[]{}<>=";

	static List<Token> tokenize(String source) {
		List<Token> tokens = new ArrayList<>();
		int i = 0;
		int length = source.length();
		while (i < length) {
			char c = source.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (Character.isLetter(c) || c == '_') {
				int start = i;
				while (i < length && (Character.isLetterOrDigit(source.charAt(i)) || source.charAt(i) == '_')) {
					i++;
				}
				String name = source.substring(start, i);
				tokens.add(new Token(Kind.NAME, name, name));
			}
			else if (Character.isDigit(c)) {
				int start = i;
				while (i < length && (Character.isDigit(source.charAt(i)) || source.charAt(i) == '_')) {
					i++;
				}
				boolean decimal = false;
				if (i + 1 < length && source.charAt(i) == '.' && Character.isDigit(source.charAt(i + 1))) {
					decimal = true;
					i++;
					while (i < length && Character.isDigit(source.charAt(i))) {
						i++;
					}
				}
				if (i < length && (source.charAt(i) == 'e' || source.charAt(i) == 'E')) {
					decimal = true;
					i++;
					if (i < length && (source.charAt(i) == '+' || source.charAt(i) == '-')) {
						i++;
					}
					while (i < length && Character.isDigit(source.charAt(i))) {
						i++;
					}
				}
				String text = source.substring(start, i).replace("_", "");
				tokens.add(decimal ? new Token(Kind.FLOAT, text, Double.valueOf(text))
						: new Token(Kind.INTEGER, text, Long.valueOf(text)));
			}
			else if (c == '\'' || c == '"') {
				int end = i + 1;
				StringBuilder value = new StringBuilder();
				while (end < length && source.charAt(end) != c) {
					char next = source.charAt(end);
					if (next == '\\' && end + 1 < length) {
						end = unescape(source, end, value);
					}
					else {
						value.append(next);
						end++;
					}
				}
				if (end >= length) {
					throw new JinjaException("unexpected end of string");
				}
				tokens.add(new Token(Kind.STRING, source.substring(i, end + 1), value.toString()));
				i = end + 1;
			}
			else if (i + 1 < length && TWO_CHAR_OPERATORS.contains(source.substring(i, i + 2))) {
				tokens.add(new Token(Kind.OPERATOR, source.substring(i, i + 2), null));
				i += 2;
			}
			else if (ONE_CHAR_OPERATORS.indexOf(c) >= 0) {
				tokens.add(new Token(Kind.OPERATOR, String.valueOf(c), null));
				i++;
			}
			else {
				throw new JinjaException("unexpected char '" + c + "' at " + i);
			}
		}
		tokens.add(new Token(Kind.END, "", null));
		return tokens;
	}

	// Python's unicode-escape, which Jinja2 applies to string literals
	private static int unescape(String source, int backslash, StringBuilder value) {
		char escaped = source.charAt(backslash + 1);
		switch (escaped) {
			case 'n' -> value.append('\n');
			case 't' -> value.append('\t');
			case 'r' -> value.append('\r');
			case '0' -> value.append('\0');
			case '\\' -> value.append('\\');
			case '\'' -> value.append('\'');
			case '"' -> value.append('"');
			case 'x' -> {
				value.append((char) Integer.parseInt(source.substring(backslash + 2, backslash + 4), 16));
				return backslash + 4;
			}
			case 'u' -> {
				value.append((char) Integer.parseInt(source.substring(backslash + 2, backslash + 6), 16));
				return backslash + 6;
			}
			default -> value.append('\\').append(escaped);
		}
		return backslash + 2;
	}

	/** A parsed expression. */
	interface Expr {

		Object eval(Scope scope);

	}

	record Const(Object value) implements Expr {

		@Override
		public Object eval(Scope scope) {
			return this.value;
		}

	}

	record Name(String name) implements Expr {

		@Override
		public Object eval(Scope scope) {
			return scope.lookup(this.name);
		}

	}

	record GetAttr(Expr target, String name) implements Expr {

		@Override
		public Object eval(Scope scope) {
			return JinjaFilters.getAttribute(this.target.eval(scope), this.name);
		}

	}

	record GetItem(Expr target, Expr key) implements Expr {

		@Override
		public Object eval(Scope scope) {
			return JinjaFilters.getItem(this.target.eval(scope), this.key.eval(scope));
		}

	}

	record Slice(Expr target, Expr start, Expr stop) implements Expr {

		@Override
		public Object eval(Scope scope) {
			Object value = this.target.eval(scope);
			if (value instanceof Undefined undefined) {
				throw new JinjaException(undefined.message());
			}
			Integer from = (this.start != null) ? asIndex(this.start.eval(scope)) : null;
			Integer to = (this.stop != null) ? asIndex(this.stop.eval(scope)) : null;
			if (value instanceof String string) {
				int[] range = range(string.length(), from, to);
				return string.substring(range[0], range[1]);
			}
			if (value instanceof List<?> list) {
				int[] range = range(list.size(), from, to);
				return new ArrayList<Object>(list.subList(range[0], range[1]));
			}
			throw new JinjaException("'" + JinjaValues.typeName(value) + "' object is not subscriptable");
		}

		private static Integer asIndex(Object value) {
			return (value == null) ? null : ((Number) value).intValue();
		}

		private static int[] range(int size, Integer from, Integer to) {
			int start = (from == null) ? 0 : (from < 0) ? Math.max(0, size + from) : Math.min(from, size);
			int end = (to == null) ? size : (to < 0) ? Math.max(0, size + to) : Math.min(to, size);
			return new int[] { start, Math.max(start, end) };
		}

	}

	record Call(Expr target, List<Expr> args, Map<String, Expr> kwargs) implements Expr {

		@Override
		public Object eval(Scope scope) {
			Object callee = this.target.eval(scope);
			if (callee instanceof Undefined undefined) {
				throw new JinjaException(undefined.message());
			}
			if (!(callee instanceof Callable callable)) {
				throw new JinjaException("'" + JinjaValues.typeName(callee) + "' object is not callable");
			}
			return callable.call(evalAll(this.args, scope), evalAll(this.kwargs, scope));
		}

	}

	record Filter(Expr target, String name, List<Expr> args, Map<String, Expr> kwargs) implements Expr {

		@Override
		public Object eval(Scope scope) {
			return JinjaFilters.filter(this.name, this.target.eval(scope), evalAll(this.args, scope),
					evalAll(this.kwargs, scope), scope.strict());
		}

	}

	record Test(Expr target, String name, List<Expr> args, boolean negated) implements Expr {

		@Override
		public Object eval(Scope scope) {
			boolean outcome = JinjaFilters.test(this.name, this.target.eval(scope), evalAll(this.args, scope),
					scope.strict());
			return outcome != this.negated;
		}

	}

	record Unary(String operator, Expr operand) implements Expr {

		@Override
		public Object eval(Scope scope) {
			Object value = this.operand.eval(scope);
			if (this.operator.equals("not")) {
				return !JinjaValues.truthy(value, scope.strict());
			}
			return JinjaFilters.arithmetic(this.operator.equals("-") ? "neg" : "pos", value, null);
		}

	}

	record Binary(String operator, Expr left, Expr right) implements Expr {

		@Override
		public Object eval(Scope scope) {
			switch (this.operator) {
				case "and": {
					Object value = this.left.eval(scope);
					return JinjaValues.truthy(value, scope.strict()) ? this.right.eval(scope) : value;
				}
				case "or": {
					Object value = this.left.eval(scope);
					return JinjaValues.truthy(value, scope.strict()) ? value : this.right.eval(scope);
				}
				default:
					break;
			}
			Object a = this.left.eval(scope);
			Object b = this.right.eval(scope);
			boolean strict = scope.strict();
			return switch (this.operator) {
				case "==" -> {
					failIfStrictUndefined(strict, a, b);
					yield JinjaValues.pyEquals(a, b);
				}
				case "!=" -> {
					failIfStrictUndefined(strict, a, b);
					yield !JinjaValues.pyEquals(a, b);
				}
				case "<" -> JinjaValues.compare(defined(a), defined(b)) < 0;
				case ">" -> JinjaValues.compare(defined(a), defined(b)) > 0;
				case "<=" -> JinjaValues.compare(defined(a), defined(b)) <= 0;
				case ">=" -> JinjaValues.compare(defined(a), defined(b)) >= 0;
				case "in" -> JinjaValues.contains(b, a, strict);
				case "not in" -> !JinjaValues.contains(b, a, strict);
				case "~" -> JinjaValues.str(a, strict) + JinjaValues.str(b, strict);
				default -> JinjaFilters.arithmetic(this.operator, a, b);
			};
		}

		private static void failIfStrictUndefined(boolean strict, Object a, Object b) {
			if (strict) {
				defined(a);
				defined(b);
			}
		}

		private static Object defined(Object value) {
			if (value instanceof Undefined undefined) {
				throw new JinjaException(undefined.message());
			}
			return value;
		}

	}

	record Conditional(Expr then, Expr condition, Expr otherwise) implements Expr {

		@Override
		public Object eval(Scope scope) {
			if (JinjaValues.truthy(this.condition.eval(scope), scope.strict())) {
				return this.then.eval(scope);
			}
			return (this.otherwise != null) ? this.otherwise.eval(scope) : new Undefined(
					"the inline if-expression on line 1 evaluated to false and no else section was defined.");
		}

	}

	record ListLiteral(List<Expr> items) implements Expr {

		@Override
		public Object eval(Scope scope) {
			return evalAll(this.items, scope);
		}

	}

	record DictLiteral(List<Expr> keys, List<Expr> values) implements Expr {

		@Override
		public Object eval(Scope scope) {
			Map<Object, Object> map = new LinkedHashMap<>();
			for (int i = 0; i < this.keys.size(); i++) {
				map.put(this.keys.get(i).eval(scope), this.values.get(i).eval(scope));
			}
			return map;
		}

	}

	static List<Object> evalAll(List<Expr> expressions, Scope scope) {
		List<Object> values = new ArrayList<>();
		for (Expr expression : expressions) {
			values.add(expression.eval(scope));
		}
		return values;
	}

	static Map<String, Object> evalAll(Map<String, Expr> expressions, Scope scope) {
		Map<String, Object> values = new LinkedHashMap<>();
		expressions.forEach((name, expression) -> values.put(name, expression.eval(scope)));
		return values;
	}

	/**
	 * Recursive descent over tokens, following Jinja2's {@code parser.py}.
	 */
	static final class Parser {

		private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", ">", "<=", ">=");

		private final List<Token> tokens;

		private int position;

		Parser(List<Token> tokens) {
			this.tokens = tokens;
		}

		Token peek() {
			return this.tokens.get(this.position);
		}

		Token peek(int ahead) {
			return this.tokens.get(Math.min(this.position + ahead, this.tokens.size() - 1));
		}

		Token next() {
			Token token = this.tokens.get(this.position);
			if (token.kind() != Kind.END) {
				this.position++;
			}
			return token;
		}

		boolean skip(String operatorOrName) {
			if (peek().is(operatorOrName)) {
				next();
				return true;
			}
			return false;
		}

		Token expect(String operatorOrName) {
			Token token = next();
			if (!token.is(operatorOrName)) {
				throw new JinjaException("expected '" + operatorOrName + "', got '" + token.text() + "'");
			}
			return token;
		}

		String expectName() {
			Token token = next();
			if (token.kind() != Kind.NAME) {
				throw new JinjaException("expected a name, got '" + token.text() + "'");
			}
			return token.text();
		}

		boolean atEnd() {
			return peek().kind() == Kind.END;
		}

		void expectEnd() {
			if (!atEnd()) {
				throw new JinjaException("expected end of statement, got '" + peek().text() + "'");
			}
		}

		Expr expression() {
			Expr expression = or();
			if (skip("if")) {
				Expr condition = or();
				Expr otherwise = skip("else") ? expression() : null;
				return new Conditional(expression, condition, otherwise);
			}
			return expression;
		}

		private Expr or() {
			Expr left = and();
			while (skip("or")) {
				left = new Binary("or", left, and());
			}
			return left;
		}

		private Expr and() {
			Expr left = not();
			while (skip("and")) {
				left = new Binary("and", left, not());
			}
			return left;
		}

		private Expr not() {
			if (peek().is("not") && !peek(1).is("in")) {
				next();
				return new Unary("not", not());
			}
			return compare();
		}

		private Expr compare() {
			Expr left = math1();
			while (true) {
				Token token = peek();
				if (token.kind() == Kind.OPERATOR && COMPARISONS.contains(token.text())) {
					next();
					left = new Binary(token.text(), left, math1());
				}
				else if (token.is("in")) {
					next();
					left = new Binary("in", left, math1());
				}
				else if (token.is("not") && peek(1).is("in")) {
					next();
					next();
					left = new Binary("not in", left, math1());
				}
				else {
					return left;
				}
			}
		}

		private Expr math1() {
			Expr left = concat();
			while (peek().is("+") || peek().is("-")) {
				String operator = next().text();
				left = new Binary(operator, left, concat());
			}
			return left;
		}

		private Expr concat() {
			Expr left = math2();
			while (skip("~")) {
				left = new Binary("~", left, math2());
			}
			return left;
		}

		private Expr math2() {
			Expr left = power();
			while (peek().is("*") || peek().is("/") || peek().is("//") || peek().is("%")) {
				String operator = next().text();
				left = new Binary(operator, left, power());
			}
			return left;
		}

		private Expr power() {
			Expr left = unary(true);
			while (skip("**")) {
				left = new Binary("**", left, unary(true));
			}
			return left;
		}

		private Expr unary(boolean withFilter) {
			Expr node;
			if (peek().is("-") || peek().is("+")) {
				node = new Unary(next().text(), unary(false));
			}
			else {
				node = postfix(primary());
			}
			return withFilter ? filterExpression(node) : node;
		}

		private Expr primary() {
			Token token = next();
			switch (token.kind()) {
				case NAME:
					return switch (token.text()) {
						case "true", "True" -> new Const(Boolean.TRUE);
						case "false", "False" -> new Const(Boolean.FALSE);
						case "none", "None" -> new Const(null);
						default -> new Name(token.text());
					};
				case STRING: {
					StringBuilder value = new StringBuilder((String) token.value());
					while (peek().kind() == Kind.STRING) {
						value.append((String) next().value());
					}
					return new Const(value.toString());
				}
				case INTEGER:
				case FLOAT:
					return new Const(token.value());
				default:
					break;
			}
			if (token.is("(")) {
				if (skip(")")) {
					return new ListLiteral(List.of());
				}
				Expr first = expression();
				if (!peek().is(",")) {
					expect(")");
					return first;
				}
				List<Expr> items = new ArrayList<>(List.of(first));
				while (skip(",") && !peek().is(")")) {
					items.add(expression());
				}
				expect(")");
				return new ListLiteral(items);
			}
			if (token.is("[")) {
				List<Expr> items = new ArrayList<>();
				while (!peek().is("]")) {
					items.add(expression());
					if (!skip(",")) {
						break;
					}
				}
				expect("]");
				return new ListLiteral(items);
			}
			if (token.is("{")) {
				List<Expr> keys = new ArrayList<>();
				List<Expr> values = new ArrayList<>();
				while (!peek().is("}")) {
					keys.add(expression());
					expect(":");
					values.add(expression());
					if (!skip(",")) {
						break;
					}
				}
				expect("}");
				return new DictLiteral(keys, values);
			}
			throw new JinjaException("unexpected '" + token.text() + "'");
		}

		private Expr postfix(Expr node) {
			while (true) {
				if (peek().is(".")) {
					next();
					Token attribute = next();
					if (attribute.kind() == Kind.INTEGER) {
						node = new GetItem(node, new Const(attribute.value()));
					}
					else if (attribute.kind() == Kind.NAME) {
						node = new GetAttr(node, attribute.text());
					}
					else {
						throw new JinjaException("expected name or number");
					}
				}
				else if (peek().is("[")) {
					next();
					node = subscript(node);
				}
				else if (peek().is("(")) {
					node = call(node);
				}
				else {
					return node;
				}
			}
		}

		private Expr subscript(Expr node) {
			Expr start = null;
			if (!peek().is(":")) {
				start = expression();
				if (skip("]")) {
					return new GetItem(node, start);
				}
			}
			expect(":");
			Expr stop = (peek().is("]") || peek().is(":")) ? null : expression();
			if (skip(":") && !peek().is("]")) {
				expression();
			}
			expect("]");
			return new Slice(node, start, stop);
		}

		private Call call(Expr node) {
			List<Expr> args = new ArrayList<>();
			Map<String, Expr> kwargs = new LinkedHashMap<>();
			arguments(args, kwargs);
			return new Call(node, args, kwargs);
		}

		private void arguments(List<Expr> args, Map<String, Expr> kwargs) {
			expect("(");
			while (!peek().is(")")) {
				if (peek().kind() == Kind.NAME && peek(1).is("=")) {
					String name = next().text();
					next();
					kwargs.put(name, expression());
				}
				else {
					args.add(expression());
				}
				if (!skip(",")) {
					break;
				}
			}
			expect(")");
		}

		private Expr filterExpression(Expr node) {
			while (true) {
				if (skip("|")) {
					String name = expectName();
					List<Expr> args = new ArrayList<>();
					Map<String, Expr> kwargs = new LinkedHashMap<>();
					if (peek().is("(")) {
						arguments(args, kwargs);
					}
					node = new Filter(node, name, args, kwargs);
				}
				else if (skip("is")) {
					boolean negated = skip("not");
					String name = expectName();
					List<Expr> args = new ArrayList<>();
					if (peek().is("(")) {
						arguments(args, new LinkedHashMap<>());
					}
					else if (startsTestArgument(peek())) {
						args.add(unary(false));
					}
					node = new Test(node, name, args, negated);
				}
				else if (peek().is("(")) {
					node = call(node);
				}
				else {
					return node;
				}
			}
		}

		private static boolean startsTestArgument(Token token) {
			if (token.kind() == Kind.NAME) {
				return !Set.of("else", "or", "and", "if", "in", "not", "is").contains(token.text());
			}
			return token.kind() == Kind.STRING || token.kind() == Kind.INTEGER || token.kind() == Kind.FLOAT
					|| token.is("[") || token.is("{");
		}

	}

}
