package io.github.st2chatops.gateway.simulator;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Identifiers and timestamps shaped like st2's: MongoDB object ids, UUID hex tokens, ISO
 * 8601 UTC with microseconds ({@code 2017-04-06T01:15:06.602758Z}).
 */
final class St2Ids {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final byte[] PROCESS = RANDOM.generateSeed(5);

	private static final AtomicInteger COUNTER = new AtomicInteger(RANDOM.nextInt());

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	private St2Ids() {
	}

	/** A MongoDB ObjectId: 4 bytes of seconds, 5 of process, 3 of counter. */
	static String objectId() {
		long seconds = Instant.now().getEpochSecond();
		int counter = COUNTER.getAndIncrement();
		byte[] id = new byte[12];
		for (int i = 0; i < 4; i++) {
			id[i] = (byte) (seconds >>> (24 - 8 * i));
		}
		System.arraycopy(PROCESS, 0, id, 4, 5);
		for (int i = 0; i < 3; i++) {
			id[9 + i] = (byte) (counter >>> (16 - 8 * i));
		}
		return HexFormat.of().formatHex(id);
	}

	/** st2's tokens are {@code uuid.uuid4().hex}. */
	static String token() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	static String timestamp(Instant instant) {
		return TIMESTAMP.format(instant.truncatedTo(ChronoUnit.MICROS));
	}

	/** Seconds between two instants as st2 computes them, to the microsecond. */
	static double elapsedSeconds(Instant start, Instant end) {
		long micros = ChronoUnit.MICROS.between(start.truncatedTo(ChronoUnit.MICROS),
				end.truncatedTo(ChronoUnit.MICROS));
		return micros / 1_000_000.0;
	}

}
