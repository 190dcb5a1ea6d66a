/**
 * A simulated st2 (auth, action-aliases, alias executions, executions, result
 * notifications) on WireMock, for {@code ./mvnw spring-boot:test-run} and integration
 * tests.
 */
package io.github.st2chatops.gateway.simulator;
