package io.github.st2chatops.gateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that trickle a request body cannot take the web server's threads: with a JRE
 * without virtual threads (Java 17, emulated here on any JRE) and a small thread pool,
 * twice as many trickling connections as threads, then an ordinary request still answers
 * in time, and each trickling one gets 408.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.st2.url=http://127.0.0.1:9", "gateway.st2.api-key=test-api-key",
				"spring.threads.virtual.enabled=false", "server.tomcat.threads.max=" + SlowBodyIntegrationTests.THREADS,
				"server.tomcat.threads.min-spare=" + SlowBodyIntegrationTests.THREADS,
				"gateway.web.body-read-timeout=1s" })
class SlowBodyIntegrationTests {

	static final int THREADS = 10;

	private static final int TRICKLERS = 2 * THREADS;

	/**
	 * Far longer than the ordinary request may take: the trickle never ends on its own.
	 */
	private static final int BODY_LENGTH = 200;

	@LocalServerPort
	int port;

	private final List<Socket> sockets = new ArrayList<>();

	private Thread trickler;

	@AfterEach
	void stopTrickling() throws Exception {
		if (this.trickler != null) {
			this.trickler.interrupt();
			this.trickler.join(5_000);
		}
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

	@Test
	void requestWhileBodiesTrickleShouldAnswerInTimeAndTheTricklersShouldGet408() throws Exception {
		for (int i = 0; i < TRICKLERS; i++) {
			Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port);
			socket.setSoTimeout(20_000);
			socket.getOutputStream()
				.write(("POST /api/v1/commands HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
						+ "Authorization: Bearer x\r\nContent-Length: " + BODY_LENGTH + "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			this.sockets.add(socket);
		}
		AtomicInteger rounds = new AtomicInteger();
		this.trickler = new Thread(() -> trickle(rounds), "trickler");
		this.trickler.setDaemon(true);
		this.trickler.start();
		// every connection has been dispatched to a thread and is reading its body
		await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() >= 3);

		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		long started = System.nanoTime();
		HttpResponse<String> response = client
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/liveness"))
				.timeout(Duration.ofSeconds(8))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
		for (Socket socket : this.sockets) {
			assertThat(statusLine(socket.getInputStream())).isEqualTo("HTTP/1.1 408 ");
		}
	}

	/** One byte to every open connection each 250 ms, for at most 30 s. */
	private void trickle(AtomicInteger rounds) {
		for (int round = 0; round < Math.min(BODY_LENGTH - 1, 120)
				&& !Thread.currentThread().isInterrupted(); round++) {
			for (Socket socket : this.sockets) {
				try {
					OutputStream out = socket.getOutputStream();
					out.write(' ');
					out.flush();
				}
				catch (IOException ex) {
					// the gateway closed it: expected once the body is too slow
				}
			}
			rounds.incrementAndGet();
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private static String statusLine(InputStream in) throws IOException {
		byte[] line = new byte[13];
		int read = in.readNBytes(line, 0, line.length);
		return new String(line, 0, read, StandardCharsets.US_ASCII);
	}

}
