package io.github.st2chatops.gateway.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads every request body once, up to {@code gateway.web.max-body-size} (or the larger
 * limit a feature declared for its path), and answers 413 problem details for a larger
 * one before any controller sees it. The buffered bytes are what signature verifiers
 * check, byte for byte. A body still arriving after {@code gateway.web.body-read-timeout}
 * gets 408 and the connection is closed: a client trickling bytes must not hold a request
 * thread for long (on a JRE without virtual threads, Tomcat has only a few hundred).
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long defaultLimit;

	private final Map<String, Long> limitsByPath;

	private final Duration readTimeout;

	private final JsonMapper jsonMapper;

	RequestBodyLimitFilter(long defaultLimit, Map<String, Long> limitsByPath, Duration readTimeout,
			JsonMapper jsonMapper) {
		this.defaultLimit = defaultLimit;
		this.limitsByPath = Map.copyOf(limitsByPath);
		this.readTimeout = readTimeout;
		this.jsonMapper = jsonMapper;
	}

	private long limit(HttpServletRequest request) {
		if (this.limitsByPath.isEmpty()) {
			return this.defaultLimit;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return this.limitsByPath.getOrDefault(path, this.defaultLimit);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String method = request.getMethod();
		return !("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long limit = limit(request);
		if (request.getContentLengthLong() > limit) {
			rejectTooLarge(response, limit);
			return;
		}
		if (isWildcard(request.getContentType())) {
			// Spring MVC cannot represent a wildcard Content-Type and would fail with a
			// 500
			reject(response, ProblemType.UNSUPPORTED_MEDIA_TYPE,
					"A request body's Content-Type cannot be a wildcard such as */*.");
			return;
		}
		byte[] body;
		try {
			body = readAtMost(request.getInputStream(), limit + 1, System.nanoTime() + this.readTimeout.toNanos());
		}
		catch (BodyTooSlowException ex) {
			reject(response, ProblemType.REQUEST_TIMEOUT, "The request body did not arrive within "
					+ this.readTimeout.toMillis() + " ms (gateway.web.body-read-timeout); nothing was run.");
			return;
		}
		if (body.length > limit) {
			rejectTooLarge(response, limit);
			return;
		}
		chain.doFilter(new BufferedBodyRequest(request, body), response);
	}

	private static byte[] readAtMost(InputStream in, long max, long deadline) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		long total = 0;
		int read;
		try {
			while (total < max && (read = in.read(buffer, 0, (int) Math.min(buffer.length, max - total))) != -1) {
				out.write(buffer, 0, read);
				total += read;
				// each read waits at most server.tomcat.connection-timeout; this bounds
				// the whole body
				if (total < max && System.nanoTime() - deadline > 0) {
					throw new BodyTooSlowException();
				}
			}
		}
		catch (SocketTimeoutException ex) {
			throw new BodyTooSlowException();
		}
		catch (IOException ex) {
			if (ex.getCause() instanceof SocketTimeoutException) {
				throw new BodyTooSlowException();
			}
			throw ex;
		}
		return out.toByteArray();
	}

	private static boolean isWildcard(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return type.isWildcardType() || type.isWildcardSubtype();
		}
		catch (InvalidMediaTypeException ex) {
			// answered as unsupported by Spring MVC's own handling
			return false;
		}
	}

	private void rejectTooLarge(HttpServletResponse response, long limit) throws IOException {
		reject(response, ProblemType.PAYLOAD_TOO_LARGE, new RequestBodyTooLargeException(limit).getMessage());
	}

	private void reject(HttpServletResponse response, ProblemType type, String detail) throws IOException {
		ProblemDetail problem = type.problemDetail(detail);
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setHeader("Connection", "close");
		this.jsonMapper.writeValue(response.getOutputStream(), problem);
	}

	/**
	 * The body did not arrive in time.
	 */
	private static final class BodyTooSlowException extends IOException {

		BodyTooSlowException() {
			super("request body too slow");
		}

	}

	/**
	 * A request whose body was read into memory and can be read again.
	 */
	static final class BufferedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		BufferedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("asynchronous reads are not supported");
				}

			};
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
