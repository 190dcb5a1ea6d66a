/**
 * What must happen once across replicas: claims, rate-limit buckets, the stream lock.
 */
package io.github.st2chatops.gateway.state;
