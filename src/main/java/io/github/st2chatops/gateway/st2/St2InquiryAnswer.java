package io.github.st2chatops.gateway.st2;

import java.util.Map;

/**
 * The body of {@code PUT /api/v1/inquiries/{id}} (st2's {@code InquiryResponseResult}),
 * which st2 also answers with.
 *
 * @param id the inquiry id
 * @param response the answer, validated by st2 against the inquiry's schema
 */
public record St2InquiryAnswer(String id, Map<String, Object> response) {

}
