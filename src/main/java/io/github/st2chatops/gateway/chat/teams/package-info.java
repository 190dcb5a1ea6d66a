/**
 * Microsoft Teams: an outgoing webhook in, answered inline within Teams' five seconds;
 * later replies and results out through Power Automate Workflows webhooks as Adaptive
 * Cards.
 */
package io.github.st2chatops.gateway.chat.teams;
