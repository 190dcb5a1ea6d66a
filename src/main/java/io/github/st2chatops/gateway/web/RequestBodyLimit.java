package io.github.st2chatops.gateway.web;

import org.springframework.util.unit.DataSize;

/**
 * A request body limit for one path that differs from {@code gateway.web.max-body-size}:
 * a feature declares it as a bean (e.g. st2's notifications, whose results may be large).
 *
 * @param path the request path, exactly (no patterns)
 * @param maxSize the largest body accepted on that path; larger bodies get 413
 */
public record RequestBodyLimit(String path, DataSize maxSize) {

}
