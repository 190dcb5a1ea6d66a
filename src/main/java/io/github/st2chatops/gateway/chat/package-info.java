/**
 * Platform-neutral chat types, the contract every platform fills in (verifier, parser,
 * {@code ChatPlatform}), the one inbound flow all of them go through, delivery, and one
 * subpackage per chat platform.
 */
package io.github.st2chatops.gateway.chat;
