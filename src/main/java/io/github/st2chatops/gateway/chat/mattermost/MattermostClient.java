package io.github.st2chatops.gateway.chat.mattermost;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.JsonBodies;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Calls Mattermost's REST API (v4) with the bot token, and command {@code response_url}s
 * without it. Every failure comes out as a {@link MattermostApiException} that says
 * whether trying again may help; no {@link RestClientException} escapes.
 */
class MattermostClient {

	private static final int MAX_CACHED = 10_000;

	private final RestClient restClient;

	private final URI url;

	private final String botToken;

	private final JsonMapper jsonMapper;

	/** Thread roots by post id: a post's root never changes. */
	private final Map<String, String> roots = new ConcurrentHashMap<>();

	MattermostClient(RestClient restClient, URI url, String botToken, JsonMapper jsonMapper) {
		this.restClient = restClient;
		this.url = url;
		this.botToken = botToken;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Creates a post ({@code POST /api/v4/posts}).
	 * @param post the post ({@code channel_id}, {@code message}, {@code root_id},
	 * {@code props})
	 */
	void createPost(Map<String, Object> post) {
		checked("POST /api/v4/posts",
				exchange("POST /api/v4/posts",
						this.restClient.post()
							.uri(api("posts"))
							.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.botToken)
							.contentType(MediaType.APPLICATION_JSON)
							.body(this.jsonMapper.writeValueAsBytes(post))));
	}

	/**
	 * Uploads a file to a channel ({@code POST /api/v4/files}, multipart with
	 * {@code channel_id} and one {@code files} part). It shows nowhere until a post names
	 * it in {@code file_ids}.
	 * @param channelId the channel
	 * @param name the file name
	 * @param bytes the file
	 * @return the new file's id ({@code file_infos[0].id})
	 */
	String uploadFile(String channelId, String name, byte[] bytes) {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("channel_id", channelId);
		parts.add("files", new ByteArrayResource(bytes) {

			@Override
			public String getFilename() {
				return name;
			}

		});
		JsonNode answer = checked("POST /api/v4/files",
				exchange("POST /api/v4/files",
						this.restClient.post()
							.uri(api("files"))
							.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.botToken)
							.contentType(MediaType.MULTIPART_FORM_DATA)
							.body(parts)));
		String id = answer.path("file_infos").path(0).path("id").asString("");
		if (id.isEmpty()) {
			throw new MattermostApiException("Mattermost answered POST /api/v4/files without a file id", 201, false,
					null, null);
		}
		return id;
	}

	/**
	 * Creates an ephemeral post only one user sees
	 * ({@code POST /api/v4/posts/ephemeral}).
	 * @param userId the user
	 * @param post the post
	 */
	void createEphemeralPost(String userId, Map<String, Object> post) {
		checked("POST /api/v4/posts/ephemeral",
				exchange("POST /api/v4/posts/ephemeral",
						this.restClient.post()
							.uri(api("posts", "ephemeral"))
							.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.botToken)
							.contentType(MediaType.APPLICATION_JSON)
							.body(this.jsonMapper.writeValueAsBytes(Map.of("user_id", userId, "post", post)))));
	}

	/**
	 * The root of the thread a post is in: the post itself when it is a root. Mattermost
	 * refuses a reply whose {@code root_id} is itself a reply.
	 * @param postId the post
	 * @return the root post's id
	 */
	String rootOf(String postId) {
		String cached = this.roots.get(postId);
		if (cached != null) {
			return cached;
		}
		JsonNode post = get("GET /api/v4/posts/{id}", "posts", postId);
		String rootId = post.path("root_id").asString("");
		String root = rootId.isEmpty() ? postId : rootId;
		rememberRoot(postId, root);
		return root;
	}

	/**
	 * Remembers the root of a post's thread, known from the post itself.
	 * @param postId the post
	 * @param rootId its thread's root (the post itself when it is a root)
	 */
	void rememberRoot(String postId, String rootId) {
		if (this.roots.size() >= MAX_CACHED) {
			this.roots.clear();
		}
		this.roots.put(postId, rootId);
	}

	/**
	 * The account the bot token belongs to ({@code GET /api/v4/users/me}).
	 * @return its id and username
	 */
	MattermostBot me() {
		JsonNode user = get("GET /api/v4/users/me", "users", "me");
		String id = user.path("id").asString("");
		String username = user.path("username").asString("");
		if (id.isEmpty() || username.isEmpty()) {
			throw new MattermostApiException("Mattermost gave no id and username for the bot account", 200, false, null,
					null);
		}
		return new MattermostBot(id, username);
	}

	/**
	 * A user's username ({@code GET /api/v4/users/{id}}).
	 * @param userId the user id
	 * @return the username
	 */
	String username(String userId) {
		JsonNode user = get("GET /api/v4/users/{id}", "users", userId);
		String username = user.path("username").asString("");
		if (username.isEmpty()) {
			throw new MattermostApiException("Mattermost gave no username for a user", 200, false, null, null);
		}
		return username;
	}

	/**
	 * Posts to a slash command's {@code response_url}.
	 * @param responseUrl the URL Mattermost gave with the command
	 * @param response the command response
	 * @return true when Mattermost took it; false when the URL can no longer be used
	 * (expired, or used up), so the caller should post through the API
	 */
	boolean respond(String responseUrl, Map<String, Object> response) {
		Answer answer = exchange("response_url",
				this.restClient.post()
					.uri(URI.create(responseUrl))
					.contentType(MediaType.APPLICATION_JSON)
					.body(this.jsonMapper.writeValueAsBytes(response)));
		if (answer.status() == 429 || answer.status() >= 500) {
			throw failure("response_url", answer);
		}
		return answer.status() >= 200 && answer.status() < 300;
	}

	/** A GET of the API with the bot token; the answer is checked. */
	private JsonNode get(String call, String... segments) {
		return checked(call, exchange(call,
				this.restClient.get().uri(api(segments)).header(HttpHeaders.AUTHORIZATION, "Bearer " + this.botToken)));
	}

	private URI api(String... segments) {
		return UriComponentsBuilder.fromUri(this.url).pathSegment("api", "v4").pathSegment(segments).build().toUri();
	}

	private Answer exchange(String call, RestClient.RequestHeadersSpec<?> request) {
		try {
			return request.exchange((req, res) -> new Answer(res.getStatusCode().value(), retryAfter(res.getHeaders()),
					new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8)), true);
		}
		catch (RestClientException ex) {
			throw new MattermostApiException(
					"Mattermost did not answer " + call + " (" + ex.getClass().getSimpleName() + ")", 0, true, null,
					ex);
		}
	}

	private JsonNode checked(String call, Answer answer) {
		if (answer.status() == 429 || answer.status() >= 500) {
			throw failure(call, answer);
		}
		JsonNode json = JsonBodies.objectOrNull(this.jsonMapper, answer.body());
		if (answer.status() < 200 || answer.status() >= 300) {
			String id = (json != null) ? json.path("id").asString("") : "";
			throw new MattermostApiException("Mattermost refused " + call + " with HTTP " + answer.status()
					+ (id.isEmpty() ? "" : " (" + id + ")"), answer.status(), false, null, null);
		}
		return (json != null) ? json : this.jsonMapper.createObjectNode();
	}

	private static MattermostApiException failure(String call, Answer answer) {
		String what = (answer.status() == 429) ? "is rate limiting " + call
				: "failed on " + call + " (HTTP " + answer.status() + ")";
		return new MattermostApiException("Mattermost " + what, answer.status(), true, answer.retryAfter(), null);
	}

	/** {@code Retry-After}, else Mattermost's {@code X-Ratelimit-Reset} (seconds). */
	static Duration retryAfter(HttpHeaders headers) {
		for (String name : new String[] { HttpHeaders.RETRY_AFTER, "X-Ratelimit-Reset" }) {
			String value = headers.getFirst(name);
			if (value != null && !value.isBlank()) {
				try {
					long seconds = Long.parseLong(value.strip());
					if (seconds >= 0) {
						return Duration.ofSeconds(seconds);
					}
				}
				catch (NumberFormatException ex) {
					// not seconds; try the next header
				}
			}
		}
		return null;
	}

	private record Answer(int status, Duration retryAfter, String body) {
	}

}
