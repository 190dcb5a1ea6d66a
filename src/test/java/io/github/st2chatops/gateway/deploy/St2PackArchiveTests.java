package io.github.st2chatops.gateway.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The st2 pack as st2 operators install it: the archive the build makes
 * (target/chatops_gateway-VERSION.tar.gz, the pack at its root) and the parts
 * StackStorm-Exchange packs have (email, README, icon).
 */
class St2PackArchiveTests {

	static final Path PACK = Path.of("st2", "chatops_gateway");

	@Test
	void archiveShouldHoldThePackAtItsRoot() throws IOException {
		Path archive = Path
			.of(System.getProperty("st2.pack.archive", "target/chatops_gateway-" + projectVersion() + ".tar.gz"));
		assertThat(archive).as("built by maven-assembly-plugin before the tests").isRegularFile();
		assertThat(archive.getFileName().toString()).startsWith("chatops_gateway-").endsWith(".tar.gz");

		Map<String, byte[]> entries = readTarGz(archive);

		assertThat(entries).containsKeys("pack.yaml", "config.schema.yaml", "README.md", "icon.png",
				"actions/post_result.yaml", "actions/workflows/post_result.yaml", "rules/notify.yaml");
		Map<String, byte[]> pack = packFiles();
		assertThat(entries.keySet()).isEqualTo(pack.keySet());
		pack.forEach((name, content) -> assertThat(entries.get(name)).as(name).isEqualTo(content));
	}

	@Test
	void packShouldHaveWhatExchangePacksHave() throws IOException {
		Map<String, Object> metadata = new Yaml(new SafeConstructor(new LoaderOptions()))
			.load(Files.readString(PACK.resolve("pack.yaml")));

		assertThat(metadata).containsKeys("ref", "name", "description", "version", "author", "email", "keywords");
		assertThat((String) metadata.get("email")).matches("[^@\\s]+@[^@\\s]+\\.[a-z]+");
		assertThat(Files.readString(PACK.resolve("README.md"))).contains("st2 pack install file://")
			.contains("chatops_gateway_token")
			.contains("gateway_url");
		// a PNG, 64 x 64 as Exchange icons are shown
		byte[] icon = Files.readAllBytes(PACK.resolve("icon.png"));
		assertThat(Arrays.copyOf(icon, 8)).isEqualTo(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
		ByteBuffer header = ByteBuffer.wrap(icon, 16, 8);
		assertThat(header.getInt()).isEqualTo(64);
		assertThat(header.getInt()).isEqualTo(64);
	}

	private static Map<String, byte[]> packFiles() throws IOException {
		Map<String, byte[]> files = new TreeMap<>();
		try (Stream<Path> paths = Files.walk(PACK)) {
			for (Path file : paths.filter(Files::isRegularFile).toList()) {
				files.put(PACK.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
			}
		}
		return files;
	}

	/**
	 * The regular files of a gzipped ustar archive, by name.
	 */
	private static Map<String, byte[]> readTarGz(Path archive) throws IOException {
		Map<String, byte[]> entries = new TreeMap<>();
		try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
			byte[] header = new byte[512];
			while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
				String name = text(header, 0, 100);
				String prefix = text(header, 345, 155);
				if (!prefix.isEmpty()) {
					name = prefix + "/" + name;
				}
				long size = Long.parseLong(text(header, 124, 12).trim(), 8);
				byte type = header[156];
				byte[] content = in.readNBytes((int) size);
				in.readNBytes((int) ((512 - size % 512) % 512));
				assertThat(type).as("%s: a plain file or directory (no PAX or long-name entries)", name)
					.isIn((byte) '0', (byte) 0, (byte) '5');
				if (type != '5') {
					assertThat(name).as("a relative path inside the archive")
						.doesNotStartWith("/")
						.doesNotContain("..");
					entries.put(name.startsWith("./") ? name.substring(2) : name, content);
				}
			}
		}
		return entries;
	}

	private static String text(byte[] header, int offset, int length) {
		int end = offset;
		while (end < offset + length && header[end] != 0) {
			end++;
		}
		return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
	}

	private static String projectVersion() throws IOException {
		String pom = Files.readString(Path.of("pom.xml"));
		int artifact = pom.indexOf("<artifactId>st2-chatops-gateway</artifactId>");
		int start = pom.indexOf("<version>", artifact) + "<version>".length();
		return pom.substring(start, pom.indexOf("</version>", start));
	}

}
