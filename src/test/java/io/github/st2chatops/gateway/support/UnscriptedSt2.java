package io.github.st2chatops.gateway.support;

import java.util.List;
import java.util.Map;

import io.github.st2chatops.gateway.st2.St2ActionAlias;
import io.github.st2chatops.gateway.st2.St2AliasExecution;
import io.github.st2chatops.gateway.st2.St2AliasExecutionRequest;
import io.github.st2chatops.gateway.st2.St2Execution;
import io.github.st2chatops.gateway.st2.St2Identity;
import io.github.st2chatops.gateway.st2.St2Inquiry;
import io.github.st2chatops.gateway.st2.St2InquiryAnswer;
import io.github.st2chatops.gateway.st2.St2InquiryOrigin;
import io.github.st2chatops.gateway.st2.St2Operations;

/**
 * st2 for tests that script only the operations they use: every other operation fails the
 * test, so a test cannot pass by calling st2 in a way it did not expect.
 */
public abstract class UnscriptedSt2 implements St2Operations {

	@Override
	public List<St2ActionAlias> listActionAliases() {
		throw unscripted("listActionAliases");
	}

	@Override
	public St2Identity identityOf(String platform, String userId) {
		throw unscripted("identityOf");
	}

	@Override
	public St2AliasExecution executeAlias(St2AliasExecutionRequest request, St2Identity identity) {
		throw unscripted("executeAlias");
	}

	@Override
	public St2Execution getExecution(String id) {
		throw unscripted("getExecution");
	}

	@Override
	public List<St2Inquiry> listInquiries(St2Identity identity) {
		throw unscripted("listInquiries");
	}

	@Override
	public St2Inquiry getInquiry(String id) {
		throw unscripted("getInquiry");
	}

	@Override
	public St2InquiryAnswer respondToInquiry(String id, Map<String, Object> response, St2Identity identity) {
		throw unscripted("respondToInquiry");
	}

	@Override
	public St2InquiryOrigin inquiryOrigin(String id) {
		throw unscripted("inquiryOrigin");
	}

	private static UnsupportedOperationException unscripted(String operation) {
		return new UnsupportedOperationException("st2 " + operation + " is not scripted in this test");
	}

}
