/**
 * st2 notifications in (HTTP push, event stream) and their delivery to chat.
 */
package io.github.st2chatops.gateway.relay;
