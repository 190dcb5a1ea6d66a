/**
 * The command pipeline: prefix, built-in commands, access policy, execution and ack.
 */
package io.github.st2chatops.gateway.command;
