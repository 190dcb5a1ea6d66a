/**
 * What tests of several packages share: an HTTP client for the gateway, st2 on WireMock,
 * two replicas on one Redis, a clock that tests move.
 */
package io.github.st2chatops.gateway.support;
