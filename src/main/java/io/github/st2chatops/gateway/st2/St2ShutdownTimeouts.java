package io.github.st2chatops.gateway.st2;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * A command whose call to st2 is in flight when the gateway stops must not be cut off:
 * st2 may already run it, and the caller (the REST API's client, or chat through the
 * command's acknowledgement) would never learn its execution. So the web server's
 * graceful phase ({@code spring.lifecycle.timeout-per-shutdown-phase}, REST commands
 * answer synchronously) and the task executor's wait
 * ({@code spring.task.execution.shutdown.await-termination-period}, chat commands run
 * there) must each cover one st2 call: gateway.st2.connect-timeout plus
 * gateway.st2.read-timeout. Warned about at start-up when they do not.
 */
@Configuration(proxyBeanMethods = false)
class St2ShutdownTimeouts {

	private static final Logger logger = LoggerFactory.getLogger(St2ShutdownTimeouts.class);

	static final String SHUTDOWN_PHASE = "spring.lifecycle.timeout-per-shutdown-phase";

	static final String AWAIT_TERMINATION = "spring.task.execution.shutdown.await-termination-period";

	@Bean
	ApplicationListener<ApplicationReadyEvent> st2ShutdownTimeoutsCheck(St2Properties st2, Environment environment) {
		return (event) -> warnings(st2, environment).forEach(logger::warn);
	}

	static List<String> warnings(St2Properties st2, Environment environment) {
		Duration call = st2.connectTimeout().plus(st2.readTimeout());
		List<String> warnings = new ArrayList<>();
		for (String property : List.of(SHUTDOWN_PHASE, AWAIT_TERMINATION)) {
			Duration configured = Binder.get(environment).bind(property, Duration.class).orElse(null);
			if (configured != null && configured.compareTo(call) < 0) {
				warnings.add(property + " (" + configured.toSeconds() + "s) is shorter than one st2 call "
						+ "(gateway.st2.connect-timeout + gateway.st2.read-timeout = " + call.toSeconds()
						+ "s): a command whose st2 call is in flight at shutdown may be cut off although st2 runs "
						+ "it; raise it (and the pod's terminationGracePeriodSeconds) or lower the st2 timeouts");
			}
		}
		return warnings;
	}

}
