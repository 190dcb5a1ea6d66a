/**
 * Problem-details advice and shared web configuration.
 */
package io.github.st2chatops.gateway.web;
