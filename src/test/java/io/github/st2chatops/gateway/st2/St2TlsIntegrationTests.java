package io.github.st2chatops.gateway.st2;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.st2chatops.gateway.support.St2WireMock;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * TLS to st2: verified by default, extra CAs from {@code gateway.st2.ca-bundle},
 * verification off on request. WireMock serves HTTPS with a self-signed certificate for
 * {@code localhost}, made here with the JDK's keytool the way st2's installer makes its
 * own.
 */
class St2TlsIntegrationTests {

	private static final String STORE_PASSWORD = "changeit";

	@TempDir
	static Path directory;

	private static WireMockServer st2;

	private static Path caBundle;

	@BeforeAll
	static void startSt2() throws Exception {
		Path keystore = directory.resolve("st2.p12");
		caBundle = directory.resolve("st2.crt");
		keytool("-genkeypair", "-alias", "st2", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname",
				"CN=localhost, O=StackStorm", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
				"-keystore", keystore.toString(), "-storepass", STORE_PASSWORD);
		keytool("-exportcert", "-rfc", "-alias", "st2", "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD,
				"-file", caBundle.toString());
		st2 = new WireMockServer(options().dynamicPort()
			.dynamicHttpsPort()
			.keystorePath(keystore.toString())
			.keystoreType("PKCS12")
			.keystorePassword(STORE_PASSWORD)
			.keyManagerPassword(STORE_PASSWORD));
		st2.start();
		st2.stubFor(get("/api/v1/executions/5f1d2e3c4b5a697887766554")
			.willReturn(St2WireMock.fixture(200, "execution-5f1.json")));
	}

	@AfterAll
	static void stopSt2() {
		st2.stop();
	}

	private ApplicationContextRunner runner(String... properties) {
		// the first answer over TLS (handshake, WireMock's first template) can take
		// seconds on a busy machine; the trust checks fail in the handshake anyway
		return new ApplicationContextRunner()
			.withUserConfiguration(St2ClientIntegrationTests.St2TestConfiguration.class)
			.withPropertyValues("gateway.st2.url=https://localhost:" + st2.httpsPort(), "gateway.st2.api-key=key",
					"gateway.st2.retry.max-retries=0", "gateway.st2.connect-timeout=2s", "gateway.st2.read-timeout=15s")
			.withPropertyValues(properties);
	}

	@Test
	void callWhenCertificateUntrustedShouldFailBeforeSending() {
		st2.resetRequests();
		runner().run((context) -> assertThatExceptionOfType(St2UnavailableException.class)
			.isThrownBy(() -> context.getBean(St2Client.class).getExecution("5f1d2e3c4b5a697887766554"))
			.withMessageContaining("gateway.st2.ca-bundle")
			.satisfies((ex) -> assertThat(ex.requestMayHaveReachedSt2()).isFalse()));
		assertThat(st2.getAllServeEvents()).isEmpty();
	}

	@Test
	void callWhenCaBundleHoldsCertificateShouldSucceed() {
		runner("gateway.st2.ca-bundle=" + caBundle).run((context) -> assertThat(
				context.getBean(St2Client.class).getExecution("5f1d2e3c4b5a697887766554").status())
			.isEqualTo("succeeded"));
	}

	@Test
	void callWhenHostNameDoesNotMatchShouldFailEvenWithCaBundle() {
		runner("gateway.st2.ca-bundle=" + caBundle, "gateway.st2.url=https://127.0.0.2:" + st2.httpsPort())
			.run((context) -> assertThatExceptionOfType(St2UnavailableException.class)
				.isThrownBy(() -> context.getBean(St2Client.class).getExecution("5f1d2e3c4b5a697887766554")));
	}

	@Test
	void callWhenVerificationOffShouldSucceed() {
		runner("gateway.st2.verify-tls=false").run((context) -> assertThat(
				context.getBean(St2Client.class).getExecution("5f1d2e3c4b5a697887766554").status())
			.isEqualTo("succeeded"));
	}

	private static void keytool(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor()).as(output).isZero();
	}

}
