/**
 * The generic signed webhook: any system (a custom bot, CI) posts chat lines and receives
 * replies and results at its callback URL, both signed with a shared secret.
 */
package io.github.st2chatops.gateway.chat.generic;
