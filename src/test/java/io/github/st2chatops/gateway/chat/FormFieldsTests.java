package io.github.st2chatops.gateway.chat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FormFieldsTests {

	@Test
	void parseWhenFormEncodedShouldDecodeEveryField() {
		byte[] body = "text=pack+get+%E2%80%9Cst2%E2%80%9D&empty=&flag&response_url=https%3A%2F%2Fx%2Fy"
			.getBytes(StandardCharsets.UTF_8);
		assertThat(FormFields.parse(body)).containsExactly(
				org.assertj.core.api.Assertions.entry("text", "pack get \u201cst2\u201d"),
				org.assertj.core.api.Assertions.entry("empty", ""), org.assertj.core.api.Assertions.entry("flag", ""),
				org.assertj.core.api.Assertions.entry("response_url", "https://x/y"));
	}

	@Test
	void parseWhenNameRepeatsShouldKeepTheFirstValue() {
		assertThat(FormFields.parse("a=1&a=2".getBytes(StandardCharsets.UTF_8))).containsEntry("a", "1");
	}

	@Test
	void parseWhenEmptyShouldGiveNoFields() {
		assertThat(FormFields.parse(new byte[0])).isEmpty();
	}

	@Test
	void parseWhenEscapeIsBrokenShouldRefuse() {
		assertThatIllegalArgumentException().isThrownBy(() -> FormFields.parse("a=%zz".getBytes()))
			.withMessageContaining("not form-encoded");
	}

}
