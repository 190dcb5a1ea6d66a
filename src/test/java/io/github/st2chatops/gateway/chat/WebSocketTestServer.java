package io.github.st2chatops.gateway.chat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/**
 * A small WebSocket server (RFC 6455) for the socket transports' tests, standing in for a
 * chat platform: it accepts the upgrade, hands each new link to a {@link Greeter} (which
 * says the platform's {@code hello}), records every text frame the gateway sends, and
 * lets a test send frames. It can refuse upgrades (the platform down) and stop answering
 * pings (a silent link).
 */
public final class WebSocketTestServer implements AutoCloseable {

	private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private final ServerSocket serverSocket;

	private final List<Link> links = new CopyOnWriteArrayList<>();

	private final List<String> events;

	private final Greeter greeter;

	private volatile boolean refusing;

	private volatile boolean silent;

	/**
	 * Starts the server on a random loopback port.
	 * @param events where received frames are recorded, as {@code received:<json>}
	 * @param greeter what the platform says on a new link
	 * @throws IOException when no port can be had
	 */
	public WebSocketTestServer(List<String> events, Greeter greeter) throws IOException {
		this.events = events;
		this.greeter = greeter;
		this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::acceptLoop, "websocket-test-server");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/**
	 * The server's URL with a path.
	 * @param path the path and query, from its first slash
	 * @return a {@code ws://} URL
	 */
	public String url(String path) {
		return "ws://127.0.0.1:" + this.serverSocket.getLocalPort() + path;
	}

	/**
	 * Answers upgrades with 503 (the platform down), or accepts them again.
	 * @param refuse whether to refuse
	 */
	public void refuseConnections(boolean refuse) {
		this.refusing = refuse;
	}

	/**
	 * From now on, new links are greeted, then ignore pings: a link gone quiet.
	 * @param silent whether new links are silent
	 */
	public void goSilent(boolean silent) {
		this.silent = silent;
	}

	/**
	 * Links that are open, in the order they were made.
	 * @return the links
	 */
	public List<Link> openLinks() {
		return this.links.stream().filter((link) -> link.open).toList();
	}

	/**
	 * How many links were made.
	 * @return the count
	 */
	public int linksMade() {
		return this.links.size();
	}

	/**
	 * The link made last.
	 * @return the link
	 */
	public Link lastLink() {
		return this.links.get(this.links.size() - 1);
	}

	private void acceptLoop() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				Thread reader = new Thread(() -> serve(socket), "socket-mode-test-link");
				reader.setDaemon(true);
				reader.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			InputStream in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			String requestLine = readLine(in);
			Map<String, String> headers = new LinkedHashMap<>();
			for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
				int colon = line.indexOf(':');
				if (colon > 0) {
					headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
							line.substring(colon + 1).strip());
				}
			}
			String key = headers.get("sec-websocket-key");
			if (this.refusing || key == null) {
				out.write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				return;
			}
			out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String[] parts = requestLine.split(" ");
			Link link = new Link(out, this.silent, new Upgrade((parts.length > 1) ? parts[1] : "", headers));
			this.links.add(link);
			this.greeter.greet(link);
			link.read(new DataInputStream(in));
		}
		catch (IOException ex) {
			// the gateway went away
		}
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1 && b != '\n') {
			if (b != '\r') {
				line.write(b);
			}
		}
		if (b == -1 && line.size() == 0) {
			throw new IOException("closed");
		}
		return line.toString(StandardCharsets.US_ASCII);
	}

	private static String accept(String key) {
		try {
			byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
			return Base64.getEncoder().encodeToString(sha1);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		for (Link link : this.links) {
			link.drop();
		}
	}

	/**
	 * What the platform says when a link is made.
	 */
	@FunctionalInterface
	public interface Greeter {

		/**
		 * Greets a new link (sends its hello, or replays what it missed).
		 * @param link the link
		 * @throws IOException when the link is gone
		 */
		void greet(Link link) throws IOException;

	}

	/**
	 * The gateway's upgrade request.
	 *
	 * @param target the request target: path and query
	 * @param headers the headers, by lower-case name
	 */
	public record Upgrade(String target, Map<String, String> headers) {
	}

	/** One WebSocket from the gateway. */
	public final class Link {

		private final OutputStream out;

		private final boolean silent;

		private final Upgrade upgrade;

		private final List<String> received = new CopyOnWriteArrayList<>();

		private volatile boolean open = true;

		private volatile Integer closeCode;

		Link(OutputStream out, boolean silent, Upgrade upgrade) {
			this.out = out;
			this.silent = silent;
			this.upgrade = upgrade;
		}

		/**
		 * The upgrade request that made the link.
		 * @return the request
		 */
		public Upgrade upgrade() {
			return this.upgrade;
		}

		/**
		 * Waits until the link is closed (by either side), and gives the close code the
		 * gateway sent.
		 * @return the code, or null when the link broke without one
		 */
		public Integer awaitClose() {
			await().until(() -> !this.open);
			return this.closeCode;
		}

		/**
		 * The text frames the gateway sent on this link.
		 * @return the frames
		 */
		public List<String> received() {
			return new ArrayList<>(this.received);
		}

		/**
		 * Sends a text frame.
		 * @param text the frame
		 * @throws IOException when the link is gone
		 */
		public void send(String text) throws IOException {
			frame(0x1, text.getBytes(StandardCharsets.UTF_8));
		}

		private synchronized void frame(int opcode, byte[] payload) throws IOException {
			ByteArrayOutputStream frame = new ByteArrayOutputStream();
			frame.write(0x80 | opcode);
			if (payload.length < 126) {
				frame.write(payload.length);
			}
			else if (payload.length < 65536) {
				frame.write(126);
				frame.write(payload.length >>> 8);
				frame.write(payload.length & 0xff);
			}
			else {
				frame.write(127);
				for (int shift = 56; shift >= 0; shift -= 8) {
					frame.write((int) ((long) payload.length >>> shift) & 0xff);
				}
			}
			frame.write(payload);
			this.out.write(frame.toByteArray());
			this.out.flush();
		}

		/** Breaks the link without a close frame, as a lost network does. */
		public void drop() {
			this.open = false;
			try {
				this.out.close();
			}
			catch (IOException ex) {
				// already gone
			}
		}

		private void read(DataInputStream in) throws IOException {
			try {
				while (true) {
					int first = in.readUnsignedByte();
					int second = in.readUnsignedByte();
					int opcode = first & 0x0f;
					long length = second & 0x7f;
					if (length == 126) {
						length = in.readUnsignedShort();
					}
					else if (length == 127) {
						length = in.readLong();
					}
					byte[] mask = new byte[4];
					if ((second & 0x80) != 0) {
						in.readFully(mask);
					}
					byte[] payload = new byte[(int) length];
					in.readFully(payload);
					for (int i = 0; i < payload.length; i++) {
						payload[i] ^= mask[i % 4];
					}
					if (opcode == 0x1) {
						String text = new String(payload, StandardCharsets.UTF_8);
						this.received.add(text);
						WebSocketTestServer.this.events.add("received:" + text);
					}
					else if (opcode == 0x9 && !this.silent) {
						frame(0xA, payload);
					}
					else if (opcode == 0x8) {
						this.closeCode = (payload.length >= 2) ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff)
								: 1005;
						frame(0x8, (payload.length >= 2) ? new byte[] { payload[0], payload[1] } : new byte[0]);
						return;
					}
				}
			}
			finally {
				this.open = false;
			}
		}

	}

}
