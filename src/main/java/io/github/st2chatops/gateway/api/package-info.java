/**
 * The REST API for curl and tools.
 */
package io.github.st2chatops.gateway.api;
