package io.github.st2chatops.gateway.chat;

import java.io.IOException;
import java.util.Collections;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;

/**
 * One inbound request of a chat platform, as it came: the raw bytes the platform signed
 * and its headers. Over HTTP it is a webhook call; a socket transport (Slack Socket Mode,
 * a Mattermost WebSocket) builds one from an envelope, with no headers.
 *
 * @param kind what the platform sent, when one platform sends several kinds to different
 * endpoints (Slack's {@code commands} and {@code events}); empty otherwise
 * @param headers the request's headers (empty for a socket transport)
 * @param body the raw body, never {@code null}
 */
public record ChatRequest(String kind, HttpHeaders headers, byte[] body) {

	public ChatRequest {
		kind = (kind != null) ? kind : "";
		headers = (headers != null) ? HttpHeaders.readOnlyHttpHeaders(headers) : HttpHeaders.EMPTY;
		body = (body != null) ? body : new byte[0];
	}

	/**
	 * Reads a webhook call of an endpoint that receives one kind of request.
	 * @param request the servlet request
	 * @return the request
	 * @throws IOException when the body cannot be read
	 */
	public static ChatRequest read(HttpServletRequest request) throws IOException {
		return read(request, "");
	}

	/**
	 * Reads a webhook call: every header and the raw body. The body is read from the
	 * stream, not from parameters, so a form body stays the bytes the platform signed.
	 * @param request the servlet request
	 * @param kind what the endpoint receives, or an empty string
	 * @return the request
	 * @throws IOException when the body cannot be read
	 */
	public static ChatRequest read(HttpServletRequest request, String kind) throws IOException {
		HttpHeaders headers = new HttpHeaders();
		for (String name : Collections.list(request.getHeaderNames())) {
			for (String value : Collections.list(request.getHeaders(name))) {
				headers.add(name, value);
			}
		}
		return new ChatRequest(kind, headers, request.getInputStream().readAllBytes());
	}

	/**
	 * The first value of a header.
	 * @param name the header's name, in any case
	 * @return the value, or {@code null} when the header is absent
	 */
	public String header(String name) {
		return this.headers.getFirst(name);
	}

}
