/**
 * The service under bad input and faults: randomized requests against every webhook and
 * the REST API, st2 misbehaving.
 */
package io.github.st2chatops.gateway.abuse;
