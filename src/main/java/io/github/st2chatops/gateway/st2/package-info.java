/**
 * HTTP clients of the st2 auth, API and stream services, token renewal, st2 DTOs and st2
 * errors.
 */
package io.github.st2chatops.gateway.st2;
