package io.github.st2chatops.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The training run of the image's AOT cache (Dockerfile, docs/operations.md "Start-up"):
 * starts the gateway as the image does, waits until it is ready, sends it the requests a
 * new pod serves first (the probes, the Prometheus scrape, the REST API with and without
 * a key, an unknown path), then stops it. The JVM started with {@code -XX:AOTCacheOutput}
 * records every class loaded and linked on the way and the methods' profiles, so a pod
 * started from the cache finds the web server's request path ready too, not only the
 * context's refresh.
 * <p>
 * It runs at image build time, with an st2 that is not there: the catalog sync fails as
 * it would in a pod whose st2 is away, which is a path worth training too. It stops the
 * build (exit status 1) when the gateway does not become live and ready, so a broken
 * image is never built.
 *
 * @author st2-chatops-gateway developers
 */
public final class AotTrainingRun {

	private static final Duration READY_WITHIN = Duration.ofSeconds(90);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * How often each request is sent: the first loads and links its classes, the next
	 * ones give the JIT its profiles.
	 */
	private static final int ROUNDS = 5;

	private AotTrainingRun() {
	}

	public static void main(String[] args) {
		int status;
		try {
			List<String> served = train(args);
			System.out.println("AOT training run served " + served.size() + " requests");
			status = 0;
		}
		catch (Exception ex) {
			System.err.println("AOT training run failed: " + ex);
			status = 1;
		}
		System.exit(status);
	}

	/**
	 * Starts the gateway on free ports, serves the training requests and stops it.
	 * @param args the application's arguments (settings given on the command line)
	 * @return each request served, as {@code METHOD path status}
	 * @throws IOException when a request cannot be sent
	 * @throws InterruptedException when interrupted while waiting
	 */
	public static List<String> train(String... args) throws IOException, InterruptedException {
		String key = UUID.randomUUID().toString();
		Ports ports = new Ports();
		SpringApplication application = new SpringApplication(GatewayApplication.class);
		application.addListeners(ports);
		String[] arguments = Stream.concat(Stream.of(args), Stream.of("--server.port=0", "--management.server.port=0",
				"--gateway.api.keys.aot-training.token=" + key, "--gateway.api.keys.aot-training.user=aot-training"))
			.toArray(String[]::new);
		ConfigurableApplicationContext context = application.run(arguments);
		try {
			HttpClient client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
			Requests requests = new Requests(client, ports.app(), ports.management(), key);
			requests.awaitReady();
			List<String> served = new ArrayList<>();
			for (int round = 0; round < ROUNDS; round++) {
				served.addAll(requests.round());
			}
			return served;
		}
		finally {
			SpringApplication.exit(context);
		}
	}

	/** The ports the two web servers listen on, by server namespace. */
	private static final class Ports implements ApplicationListener<WebServerInitializedEvent> {

		private final Map<String, Integer> byNamespace = new ConcurrentHashMap<>();

		@Override
		public void onApplicationEvent(WebServerInitializedEvent event) {
			String namespace = event.getApplicationContext().getServerNamespace();
			this.byNamespace.put((namespace != null) ? namespace : "", event.getWebServer().getPort());
		}

		int app() {
			return port("");
		}

		int management() {
			return this.byNamespace.getOrDefault("management", app());
		}

		private int port(String namespace) {
			Integer port = this.byNamespace.get(namespace);
			if (port == null) {
				throw new IllegalStateException("the gateway started no web server");
			}
			return port;
		}

	}

	/** The training requests against one running gateway. */
	private record Requests(HttpClient client, int appPort, int managementPort, String key) {

		void awaitReady() throws IOException, InterruptedException {
			Instant deadline = Instant.now().plus(READY_WITHIN);
			while (send(get(this.managementPort, "/actuator/health/readiness")) != 200) {
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException("the gateway was not ready within " + READY_WITHIN);
				}
				Thread.sleep(100);
			}
			int liveness = send(get(this.managementPort, "/actuator/health/liveness"));
			if (liveness != 200) {
				throw new IllegalStateException("liveness answered " + liveness);
			}
		}

		List<String> round() throws IOException, InterruptedException {
			List<HttpRequest> requests = List.of(get(this.managementPort, "/actuator/health/liveness"),
					get(this.managementPort, "/actuator/health/readiness"),
					get(this.managementPort, "/actuator/health"), get(this.managementPort, "/actuator/prometheus"),
					get(this.managementPort, "/actuator/info"),
					post("/api/v1/commands/match", "{\"text\": \"help\"}", true),
					post("/api/v1/commands", "{\"text\": \"run date on localhost\"}", true),
					post("/api/v1/commands", "{\"text\": \"help\"}", false), post("/api/v1/commands", "{", true),
					get(this.appPort, "/api/v1/aliases"), get(this.appPort, "/not-a-path"));
			List<String> served = new ArrayList<>();
			for (HttpRequest request : requests) {
				served.add(request.method() + " " + request.uri().getPath() + " " + send(request));
			}
			return served;
		}

		private HttpRequest get(int port, String path) {
			return HttpRequest.newBuilder(uri(port, path))
				.timeout(REQUEST_TIMEOUT)
				.header("Authorization", "Bearer " + this.key)
				.GET()
				.build();
		}

		private HttpRequest post(String path, String json, boolean withKey) {
			HttpRequest.Builder builder = HttpRequest.newBuilder(uri(this.appPort, path))
				.timeout(REQUEST_TIMEOUT)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json));
			if (withKey) {
				builder.header("Authorization", "Bearer " + this.key);
			}
			return builder.build();
		}

		private int send(HttpRequest request) throws IOException, InterruptedException {
			return this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}

		private static URI uri(int port, String path) {
			return URI.create("http://127.0.0.1:" + port + path);
		}

	}

}
