package io.github.st2chatops.gateway.st2;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslStoreBundle;

/**
 * The TLS trust of the st2 clients, as a Spring Boot {@link SslBundle}: the JDK's CAs,
 * plus those of {@code gateway.st2.ca-bundle}; or none at all when
 * {@code gateway.st2.verify-tls=false}. Public for the event stream follower, which talks
 * to st2's stream service with the JDK's HTTP client.
 */
public final class St2TrustManagers {

	private St2TrustManagers() {
	}

	/**
	 * The bundle for the given settings.
	 * @param properties the settings
	 * @return the bundle, or {@code null} for the JDK's defaults
	 * @throws IllegalStateException when the CA bundle cannot be read
	 */
	public static SslBundle sslBundle(St2Properties properties) {
		if (!properties.verifyTls()) {
			return SslBundle.of(SslStoreBundle.NONE, null, null, SslBundle.DEFAULT_PROTOCOL,
					SslManagerBundle.from(new TrustEverything()));
		}
		if (properties.caBundle() == null) {
			return null;
		}
		return SslBundle.of(SslStoreBundle.of(null, null, trustStore(properties.caBundle())));
	}

	static KeyStore trustStore(Path caBundle) {
		Collection<? extends Certificate> extra;
		try (InputStream in = Files.newInputStream(caBundle)) {
			extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException("gateway.st2.ca-bundle: cannot read " + caBundle, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("gateway.st2.ca-bundle: " + caBundle + " is not a PEM certificate file",
					ex);
		}
		if (extra.isEmpty()) {
			throw new IllegalStateException("gateway.st2.ca-bundle: " + caBundle + " holds no PEM certificate");
		}
		try {
			KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
			store.load(null, null);
			int index = 0;
			for (X509Certificate ca : jdkTrustManager().getAcceptedIssuers()) {
				store.setCertificateEntry("jdk-" + index++, ca);
			}
			index = 0;
			for (Certificate ca : extra) {
				store.setCertificateEntry("ca-bundle-" + index++, ca);
			}
			return store;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("gateway.st2.ca-bundle: cannot build the trust store", ex);
		}
	}

	private static X509TrustManager jdkTrustManager() throws GeneralSecurityException {
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init((KeyStore) null);
		for (TrustManager manager : factory.getTrustManagers()) {
			if (manager instanceof X509TrustManager x509) {
				return x509;
			}
		}
		throw new IllegalStateException("The JDK has no X.509 trust manager");
	}

	/**
	 * Accepts any certificate for any host. Extended, because JSSE checks the host name
	 * inside the trust manager for an extended one and wraps a plain one with a check.
	 */
	static final class TrustEverything extends X509ExtendedTrustManager {

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[0];
		}

	}

}
