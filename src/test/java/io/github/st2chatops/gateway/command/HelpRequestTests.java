package io.github.st2chatops.gateway.command;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HelpRequestTests {

	@Test
	void parseShouldSeparateFilterFromOptions() {
		assertThat(HelpRequest.parse("deploy app pack=ops limit=5 offset=10", 20))
			.isEqualTo(new HelpRequest("deploy app", "ops", 5, 10));
	}

	@Test
	void parseWhenEmptyShouldUseDefaults() {
		assertThat(HelpRequest.parse("", 20)).isEqualTo(new HelpRequest("", null, 20, 0));
	}

	@Test
	void parseWhenLimitIsNotANumberShouldSaySo() {
		assertThatIllegalArgumentException().isThrownBy(() -> HelpRequest.parse("limit=lots", 20))
			.withMessage("limit must be a whole number from 1 to 100, not 'lots'.");
		assertThatIllegalArgumentException().isThrownBy(() -> HelpRequest.parse("offset=-1", 20))
			.withMessage("offset must be a whole number from 0 up, not '-1'.");
	}

}
