/**
 * Discord: signed interactions ({@code /st2}) in, the interaction webhook (the ack) and
 * the bot's channel messages (results) out.
 */
package io.github.st2chatops.gateway.chat.discord;
