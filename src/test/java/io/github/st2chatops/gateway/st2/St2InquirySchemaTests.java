package io.github.st2chatops.gateway.st2;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Reading inquiry schemas as st2's inquirer runner and core.ask write them.
 */
class St2InquirySchemaTests {

	/**
	 * The inquirer runner's default schema (runner.yaml), draft-3 "required" on the
	 * field.
	 */
	private static final Map<String, Object> DEFAULT = Map.of("title", "response_data", "type", "object", "properties",
			Map.of("continue", Map.of("type", "boolean", "description", "Would you like to continue the workflow?",
					"required", true)));

	private static final Map<String, Object> ENUM = Map.of("type", "object", "properties",
			Map.of("env", Map.of("type", "string", "enum", List.of("staging", "production"))), "required",
			List.of("env"));

	@Test
	void defaultSchemaShouldBeOneButtonFieldWithItsDescriptionAsPrompt() {
		St2InquirySchema schema = St2InquirySchema.of(DEFAULT);

		assertThat(schema.buttonField()).hasValueSatisfying((field) -> {
			assertThat(field.name()).isEqualTo("continue");
			assertThat(field.required()).isTrue();
		});
		assertThat(schema.prompt()).containsExactly("Would you like to continue the workflow?");
		assertThat(schema.example()).isEqualTo("yes");
	}

	@Test
	void answerWhenPlainValueShouldBeTypedByTheField() {
		assertThat(St2InquirySchema.of(DEFAULT).answer("approve")).isEqualTo(Map.of("continue", true));
		assertThat(St2InquirySchema.of(DEFAULT).answer("No")).isEqualTo(Map.of("continue", false));
		assertThat(St2InquirySchema.of(ENUM).answer("production")).isEqualTo(Map.of("env", "production"));
		Map<String, Object> count = Map.of("type", "object", "properties", Map.of("count", Map.of("type", "integer")));
		assertThat(St2InquirySchema.of(count).answer("3")).isEqualTo(Map.of("count", BigInteger.valueOf(3)));
	}

	@Test
	void answerWhenValueDoesNotFitShouldSaySoInASentence() {
		assertThatIllegalArgumentException().isThrownBy(() -> St2InquirySchema.of(DEFAULT).answer("maybe"))
			.withMessage("'continue' is yes or no; 'maybe' is neither.");
		assertThatIllegalArgumentException().isThrownBy(() -> St2InquirySchema.of(ENUM).answer("prod"))
			.withMessage("'env' is one of staging, production; 'prod' is not.");
	}

	@Test
	void answerWhenJsonShouldBeTakenAsGivenAndLeftToSt2ToValidate() {
		assertThat(St2InquirySchema.of(DEFAULT).answer("{\"continue\": true, \"note\": \"ok\"}"))
			.isEqualTo(Map.of("continue", true, "note", "ok"));
		assertThatIllegalArgumentException().isThrownBy(() -> St2InquirySchema.of(DEFAULT).answer("{\"continue\": "))
			.withMessageContaining("not a JSON object");
	}

	@Test
	void severalFieldsShouldNeedJsonAndHaveNoButtons() {
		Map<String, Object> two = Map.of("type", "object", "properties",
				Map.of("approved", Map.of("type", "boolean"), "reason", Map.of("type", "string")));
		St2InquirySchema schema = St2InquirySchema.of(two);

		assertThat(schema.buttonField()).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> schema.answer("yes"))
			.withMessageStartingWith("This inquiry asks for 2 fields, so answer with a JSON object");
	}

	@Test
	void stringWithoutEnumShouldHaveNoButtons() {
		Map<String, Object> free = Map.of("type", "object", "properties", Map.of("reason", Map.of("type", "string")));

		assertThat(St2InquirySchema.of(free).buttonField()).isEmpty();
		assertThat(St2InquirySchema.of(free).answer("because")).isEqualTo(Map.of("reason", "because"));
	}

}
