/**
 * Rocket.Chat: an outgoing webhook integration in, answered inline when the reply is
 * ready in time; later replies and results out through an incoming webhook integration.
 */
package io.github.st2chatops.gateway.chat.rocketchat;
