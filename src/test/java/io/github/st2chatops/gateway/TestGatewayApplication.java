package io.github.st2chatops.gateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.st2chatops.gateway.simulator.DemoChat;
import io.github.st2chatops.gateway.simulator.SimulatedSt2;
import io.github.st2chatops.gateway.simulator.SimulatorConfiguration;
import io.github.st2chatops.gateway.simulator.SimulatorSettings;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the gateway against a simulated st2, with no st2 around:
 * {@code ./mvnw spring-boot:test-run}. The simulator listens on {@code simulator.port}
 * (default 9101, {@code 0} for a free port), e.g.
 * {@code ./mvnw spring-boot:test-run -Dspring-boot.run.arguments=--simulator.port=0}.
 *
 * <p>
 * The gateway's st2 settings, a relay token and a REST API key are set as system
 * properties unless given already (command line, system property or environment
 * variable).
 */
public final class TestGatewayApplication {

	static final int DEFAULT_SIMULATOR_PORT = 9101;

	static final String DEMO_API_TOKEN = "demo-token";

	static final String DEMO_RELAY_TOKEN = "demo-relay-token";

	static final String DEMO_GENERIC_SECRET = "demo-generic-webhook-secret";

	private TestGatewayApplication() {
	}

	public static void main(String[] args) {
		int port = Integer.parseInt(setting("simulator.port", args, String.valueOf(DEFAULT_SIMULATOR_PORT)));
		SimulatedSt2 st2 = SimulatedSt2.start(SimulatorSettings.defaults().withPort(port));
		Runtime.getRuntime().addShutdownHook(new Thread(st2::close, "simulated-st2-shutdown"));
		DemoChat.attach(st2.wireMock(), System.out);
		gatewayProperties(st2).forEach((name, value) -> {
			if (setting(name, args, null) == null) {
				System.setProperty(name, value);
			}
		});
		ConfigurableApplicationContext context = SpringApplication.from(GatewayApplication::main)
			.with(SimulatorConfiguration.class)
			.run(args)
			.getApplicationContext();
		printHowToTryIt(st2, context.getEnvironment().getProperty("local.server.port", "8080"));
	}

	private static Map<String, String> gatewayProperties(SimulatedSt2 st2) {
		Map<String, String> properties = new LinkedHashMap<>(st2.gatewayProperties());
		if (setting("gateway.st2.api-key", new String[0], null) != null
				|| setting("gateway.st2.auth-token", new String[0], null) != null) {
			// the gateway accepts exactly one way to authenticate
			properties.remove("gateway.st2.username");
			properties.remove("gateway.st2.password");
		}
		properties.put("gateway.relay.token", DEMO_RELAY_TOKEN);
		properties.put("gateway.api.keys.demo.token", DEMO_API_TOKEN);
		properties.put("gateway.api.keys.demo.user", "demo");
		// a demo "chat": the generic webhook platform, whose messages the simulator
		// prints
		properties.put("gateway.chat.generic.secret", DEMO_GENERIC_SECRET);
		properties.put("gateway.chat.generic.callback-url", st2.url() + DemoChat.PATH);
		return properties;
	}

	// a property from --name=value, -Dname=value or NAME_IN_ENV_FORM, as Spring would see
	// it
	private static String setting(String name, String[] args, String fallback) {
		for (String arg : args) {
			if (arg.startsWith("--" + name + "=")) {
				return arg.substring(name.length() + 3);
			}
		}
		String value = System.getProperty(name);
		if (value == null) {
			value = System.getenv(name.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT));
		}
		return (value != null) ? value : fallback;
	}

	private static void printHowToTryIt(SimulatedSt2 st2, String gatewayPort) {
		String gateway = "http://localhost:" + gatewayPort;
		String auth = "-H 'Authorization: Bearer " + DEMO_API_TOKEN + "'";
		String command = "curl -s " + gateway + "/api/v1/commands " + auth
				+ " -H 'Content-Type: application/json' -d '{\"text\": \"%s\"}'";
		System.out.println("""

				Gateway on %1$s, simulated st2 on %2$s (%3$s / %4$s, St2-Api-Key %5$s).
				Try:
				  %6$s
				  %7$s
				  %8$s
				  curl -s %1$s/api/v1/executions/<execution id> %9$s
				  curl -s %1$s/api/v1/aliases %9$s
				st2 itself:
				  curl -s %2$s/api/v1/actionalias -H 'St2-Api-Key: %5$s'
				Results are posted back to %1$s/api/v1/st2/notifications with 'Authorization: Bearer %10$s';
				a command sent with "channel": "generic:demo" gets its result printed here as [demo chat].
				%11$s""".formatted(gateway, st2.url(), st2.stubs().settings().username(),
				st2.stubs().settings().password(), st2.stubs().settings().apiKey(),
				command.formatted("run date on localhost"),
				command.formatted("run date on localhost\", \"channel\": \"generic:demo"),
				command.formatted("st2 list 5 executions"), auth, DEMO_RELAY_TOKEN,
				genericWebhookHowTo(gateway, Instant.now())));
	}

	/**
	 * How to try the signed generic webhook (docs/platforms/generic.md): its secret, a
	 * curl line signed now (the gateway takes it for 5 minutes), and one that signs
	 * itself with openssl whenever it runs.
	 */
	static String genericWebhookHowTo(String gateway, Instant now) {
		String body = "{\"text\":\"run date on localhost\",\"user\":\"demo\",\"channel\":\"demo\"}";
		String timestamp = Long.toString(now.getEpochSecond());
		String headers = " -H 'Content-Type: application/json' -H \"X-Gateway-Timestamp: %s\""
				+ " -H \"X-Gateway-Signature: sha256=%s\" --data-binary '%s'";
		String signedNow = "curl -s " + gateway + "/chat/generic"
				+ headers.formatted(timestamp, hmacSha256Hex(DEMO_GENERIC_SECRET, timestamp + "." + body), body);
		String selfSigning = "BODY='" + body + "'; TS=$(date +%s); SIG=$(printf '%s' \"$TS.$BODY\" | openssl dgst "
				+ "-sha256 -hmac '" + DEMO_GENERIC_SECRET + "' | awk '{print $NF}'); curl -s " + gateway
				+ "/chat/generic -H 'Content-Type: application/json' -H \"X-Gateway-Timestamp: $TS\""
				+ " -H \"X-Gateway-Signature: sha256=$SIG\" --data-binary \"$BODY\"";
		return """
				The signed generic webhook (docs/platforms/generic.md), secret '%s'; replies show as [demo chat]:
				  %s
				  (signed at start-up: the gateway takes it for 5 minutes; this one signs itself each time:)
				  %s
				""".formatted(DEMO_GENERIC_SECRET, signedNow, selfSigning);
	}

	static String hmacSha256Hex(String secret, String content) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
