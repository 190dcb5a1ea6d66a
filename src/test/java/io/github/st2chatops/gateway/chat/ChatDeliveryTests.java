package io.github.st2chatops.gateway.chat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a message is delivered without Spring or HTTP: as a file or in parts, and what a
 * failed or unanswered upload leads to.
 */
class ChatDeliveryTests {

	private static final ChatAddress ADDRESS = new ChatAddress("files", null, "C1", null, null, null, null);

	private final FileSender sender = new FileSender();

	private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	private final ChatDelivery delivery = new ChatDelivery(new ChatSenders(List.of(this.sender)),
			new DeliveryProperties(Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofMillis(1),
					new DeliveryProperties.Files(true, null)),
			Clock.systemUTC(), new RecordingSleeper(), this.meterRegistry);

	@Test
	void textOverThreeMessagesShouldGoAsAFileWithItsFirstLines() {
		DeliveryResult result = this.delivery.deliver(ChatReply.of(ADDRESS, text(400)), DeliveryLedger.inMemory(),
				Integer.MAX_VALUE);

		assertThat(result).isEqualTo(new DeliveryResult.Delivered(1, 0));
		assertThat(this.sender.files).singleElement().satisfies((file) -> {
			assertThat(file.name()).isEqualTo("st2-result.txt");
			assertThat(file.content()).isEqualTo(text(400));
			assertThat(file.comment()).startsWith("line 0\nline 1\n").contains("st2-result.txt");
		});
		assertThat(this.sender.texts()).isEmpty();
	}

	@Test
	void textWithinThreeMessagesShouldGoAsItIs() {
		this.delivery.deliver(ChatReply.of(ADDRESS, text(20)), DeliveryLedger.inMemory(), Integer.MAX_VALUE);

		assertThat(this.sender.files).isEmpty();
		assertThat(this.sender.texts()).containsExactly(text(20));
	}

	@Test
	void commandReplyShouldGoAsItIsNeverAsAFile() {
		this.delivery.deliver(ChatReply.of(ADDRESS, text(400)));

		assertThat(this.sender.files).isEmpty();
		assertThat(this.sender.texts()).containsExactly(text(400));
	}

	@Test
	void whisperedLongResultShouldGoInPartsWithoutTryingAFile() {
		ChatReply whisper = new ChatReply(ADDRESS, text(400), Map.of(), true);

		DeliveryResult result = this.delivery.deliver(whisper, DeliveryLedger.inMemory(), Integer.MAX_VALUE);

		assertThat(result.delivered()).isTrue();
		assertThat(this.sender.uploads).isZero();
		assertThat(this.sender.texts()).singleElement(InstanceOfAssertFactories.STRING)
			.startsWith("_(a long result, ")
			.endsWith(text(400));
		assertThat(this.meterRegistry.find("gateway.chat.delivery.file-fallbacks").counter()).isNull();
	}

	@Test
	void refusedUploadShouldFallBackToPartsThatSaySo() {
		this.sender.upload = new ChatDeliveryException("missing_scope", false, null, null);

		DeliveryResult result = this.delivery.deliver(ChatReply.of(ADDRESS, text(400)), DeliveryLedger.inMemory(),
				Integer.MAX_VALUE);

		assertThat(result.delivered()).isTrue();
		assertThat(this.sender.texts()).hasSize(1);
		assertThat(this.sender.texts().get(0)).startsWith("_(a long result, ").endsWith(text(400));
	}

	@Test
	void uploadWithoutAnAnswerShouldNeitherFallBackNorUploadAgain() {
		this.sender.upload = new ChatDeliveryException("read timed out", true, null, true, null);

		DeliveryResult result = this.delivery.deliver(ChatReply.of(ADDRESS, text(400)), DeliveryLedger.inMemory(),
				Integer.MAX_VALUE);

		assertThat(result).isEqualTo(new DeliveryResult.Delivered(2, 1));
		assertThat(this.sender.uploads).isEqualTo(1);
		assertThat(this.sender.texts()).isEmpty();
	}

	@Test
	void resultLongerThanTheCutShouldBeCutWithANote() {
		// 286 characters: under the file threshold (300), over the cut (256)
		DeliveryResult result = this.delivery.deliver(ChatReply.of(ADDRESS, text(37)), DeliveryLedger.inMemory(), 256);

		assertThat(result.delivered()).isTrue();
		assertThat(this.sender.files).isEmpty();
		assertThat(this.sender.texts().get(0)).startsWith("line 0\n").contains("_(truncated:");
	}

	private static String text(int lines) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < lines; i++) {
			text.append("line ").append(i).append('\n');
		}
		return text.toString();
	}

	/** A platform with 100-character messages that takes files. */
	private static final class FileSender extends RecordingChatSender implements ChatFileSender {

		final List<ChatFile> files = new ArrayList<>();

		ChatDeliveryException upload;

		int uploads;

		FileSender() {
			super("files", 100);
		}

		@Override
		public void sendFile(ChatReply reply, ChatFile file, PostLog log) {
			log.postOnce(ChatFile.STEP, Duration.ZERO, (key) -> {
				this.uploads++;
				if (this.upload != null) {
					throw this.upload;
				}
				this.files.add(file);
			});
		}

	}

}
