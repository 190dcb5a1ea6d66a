package io.github.st2chatops.gateway.chat.mattermost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.util.UriComponentsBuilder;

import io.github.st2chatops.gateway.chat.WebSocketTestServer;

import static io.github.st2chatops.gateway.chat.WebhookTestSupport.fixtureText;

/**
 * Mattermost's {@code /api/v4/websocket} as its server code behaves, on a real WebSocket
 * server: every event carries the connection's next {@code seq}; a new connection gets
 * {@code hello} (seq 0) with its {@code connection_id}; a connection that comes back with
 * {@code connection_id} and {@code sequence_number} gets what it missed from that number
 * on and no hello (a lossless resume gets nothing), an unknown one a new id and a hello.
 * Events published while a connection is away are queued for it, as the server's queues
 * of a dropped connection are.
 */
final class MattermostWebSocketServer implements AutoCloseable {

	static final String PATH = "/api/v4/websocket";

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final WebSocketTestServer server;

	/** Events sent or queued, by connection id; an event's index is its seq. */
	private final Map<String, List<String>> sent = new ConcurrentHashMap<>();

	/** The connection id of each link. */
	private final Map<WebSocketTestServer.Link, String> connections = new ConcurrentHashMap<>();

	MattermostWebSocketServer(List<String> events) {
		try {
			this.server = new WebSocketTestServer(events, this::greet);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String url() {
		return this.server.url(PATH);
	}

	WebSocketTestServer sockets() {
		return this.server;
	}

	private void greet(WebSocketTestServer.Link link) throws IOException {
		Map<String, String> query = UriComponentsBuilder.fromUri(URI.create(link.upgrade().target()))
			.build()
			.getQueryParams()
			.toSingleValueMap();
		String resumed = query.get("connection_id");
		List<String> queue = (resumed != null) ? this.sent.get(resumed) : null;
		if (queue != null && query.get("sequence_number") != null) {
			int from = Integer.parseInt(query.get("sequence_number"));
			this.connections.put(link, resumed);
			synchronized (queue) {
				for (int seq = from; seq < queue.size(); seq++) {
					link.send(queue.get(seq));
				}
			}
			return;
		}
		String connectionId = UUID.randomUUID().toString().replace("-", "").substring(0, 26);
		this.sent.put(connectionId, new ArrayList<>());
		this.connections.put(link, connectionId);
		ObjectNode hello = this.jsonMapper.createObjectNode().put("event", "hello");
		hello.putObject("data")
			.put("connection_id", connectionId)
			.put("server_hostname", "mattermost-0")
			.put("server_version", "10.5.0.13600253299.1c8b2bc7dc5b09dcb8e3cd7f0e8d7a0d.true");
		hello.putObject("broadcast")
			.putNull("omit_users")
			.put("user_id", MattermostWebSocketIntegrationTests.BOT_ID)
			.put("channel_id", "")
			.put("team_id", "")
			.put("connection_id", "")
			.put("omit_connection_id", "");
		publish(link, hello);
	}

	/**
	 * A {@code posted} event as Mattermost sends it, from the fixture with these fields.
	 */
	ObjectNode posted(String postId, String userId, String channelType, String message, String rootId,
			List<String> mentions, Map<String, String> props) {
		ObjectNode event = (ObjectNode) this.jsonMapper.readTree(fixtureText("/chat/mattermost/websocket-posted.json"));
		ObjectNode data = (ObjectNode) event.get("data");
		ObjectNode post = (ObjectNode) this.jsonMapper.readTree(data.get("post").stringValue());
		post.put("id", postId).put("user_id", userId).put("message", message).put("root_id", rootId);
		ObjectNode postProps = post.putObject("props");
		props.forEach(postProps::put);
		data.put("post", post.toString()).put("channel_type", channelType);
		if (mentions.isEmpty()) {
			data.remove("mentions");
		}
		else {
			data.put("mentions", this.jsonMapper.writeValueAsString(mentions));
		}
		if ("D".equals(channelType)) {
			data.put("team_id", "");
		}
		return event;
	}

	/**
	 * Sends an event to every open connection (or queues it for the last one, when none
	 * is open), each with its own next seq.
	 */
	void publish(ObjectNode event) throws IOException {
		List<WebSocketTestServer.Link> open = this.server.openLinks();
		if (open.isEmpty()) {
			queue(this.connections.get(this.server.lastLink()), event);
			return;
		}
		for (WebSocketTestServer.Link link : open) {
			publish(link, event);
		}
	}

	private void publish(WebSocketTestServer.Link link, ObjectNode event) throws IOException {
		link.send(queue(this.connections.get(link), event));
	}

	private String queue(String connectionId, ObjectNode event) {
		List<String> queue = this.sent.get(connectionId);
		synchronized (queue) {
			ObjectNode numbered = event.deepCopy().put("seq", queue.size());
			queue.add(numbered.toString());
			return numbered.toString();
		}
	}

	/** The connection id a link was given or resumed. */
	String connectionId(WebSocketTestServer.Link link) {
		return this.connections.get(link);
	}

	/** How many events a connection was sent or queued, hello included. */
	int sentTo(String connectionId) {
		return this.sent.get(connectionId).size();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}
