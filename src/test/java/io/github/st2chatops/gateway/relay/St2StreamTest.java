package io.github.st2chatops.gateway.relay;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A relay test against st2's event stream: the gateway (no web server) following the
 * stream with quick reconnects and a short lock, the relay's test chat platform
 * ({@link RelayTestConfiguration}), and a context of its own that closes after the class
 * (the follower keeps a connection open). The class declares st2 and the chat platform as
 * {@code StubServer}s, {@code StubServer.st2()} and
 * {@code StubServer.serving("test.chat.url", "")}, and adds its own settings with
 * {@code @TestPropertySource}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest
@Import(RelayTestConfiguration.class)
@DirtiesContext
@TestPropertySource(properties = { "gateway.relay.stream.enabled=true", "gateway.relay.stream.initial-backoff=50ms",
		"gateway.relay.stream.max-backoff=200ms", "gateway.relay.stream.lock-ttl=1s" })
@interface St2StreamTest {

}
