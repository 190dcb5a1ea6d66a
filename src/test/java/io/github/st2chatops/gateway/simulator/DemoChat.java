package io.github.st2chatops.gateway.simulator;

import java.io.PrintStream;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * A stand-in chat for the demo run: the gateway's generic webhook platform posts replies
 * and st2 results to it, and it prints each one, so a newcomer sees a command's result
 * arrive in "chat" without any chat platform.
 */
public final class DemoChat {

	/** Where on the simulator's server the demo chat takes messages. */
	public static final String PATH = "/__demo-chat/messages";

	private static final JsonMapper json = JsonMapper.builder().build();

	private DemoChat() {
	}

	/**
	 * Starts taking messages on the simulator's server.
	 * @param server the simulator's WireMock server
	 * @param out where the messages are printed
	 */
	public static void attach(WireMockServer server, PrintStream out) {
		server.stubFor(post(urlEqualTo(PATH)).willReturn(ok()));
		server.addMockServiceRequestListener((request, response) -> {
			if (PATH.equals(request.getUrl())) {
				out.println(format(request.getBodyAsString()));
			}
		});
	}

	@SuppressWarnings("unchecked")
	static String format(String body) {
		Map<String, Object> message = json.readValue(body, Map.class);
		String where = "#" + message.get("channel")
				+ ((message.get("thread") != null) ? " (thread " + message.get("thread") + ")" : "");
		return "\n[demo chat] " + where + ((Boolean.TRUE.equals(message.get("whisper"))) ? " (whisper)" : "") + ":\n"
				+ message.get("text") + "\n";
	}

}
