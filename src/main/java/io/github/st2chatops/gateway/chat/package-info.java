/**
 * Platform-neutral chat types and one subpackage per chat platform.
 */
package io.github.st2chatops.gateway.chat;
