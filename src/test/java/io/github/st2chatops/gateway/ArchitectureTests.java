package io.github.st2chatops.gateway;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The package table of docs/architecture.md, checked against the compiled classes: each
 * package uses only the gateway packages its row names (third-party libraries and the JDK
 * are not restricted here, except for the alias parser and matcher).
 */
class ArchitectureTests {

	static final String BASE = "io.github.st2chatops.gateway";

	private static final JavaClasses GATEWAY = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(BASE);

	/**
	 * The alias catalog's wiring to st2, Spring and metrics; the rest of alias is JDK
	 * only.
	 */
	private static final List<String> ALIAS_WIRING = List.of("AliasCatalogSynchronizer", "AliasConfiguration",
			"AliasCatalogHealthIndicator", "CatalogSyncAttemptHealthIndicator", "CatalogProperties");

	@Test
	void aliasShouldUseOnlySt2() {
		only("alias", "st2").check(GATEWAY);
	}

	@Test
	void aliasParserAndMatcherShouldUseOnlyTheJdk() {
		aliasParserAndMatcherJdkOnly().check(GATEWAY);
	}

	@Test
	void st2ShouldUseNoOtherGatewayPackage() {
		only("st2").check(GATEWAY);
	}

	@Test
	void chatShouldNeverUseCommandSt2AliasRelayOrApi() {
		chatRule().check(GATEWAY);
	}

	@Test
	void commandShouldUseAliasSt2ChatAndState() {
		only("command", "alias", "st2", "chat", "state").check(GATEWAY);
	}

	@Test
	void commandAndApiShouldUseSt2OnlyThroughItsInterface() {
		st2OnlyThroughItsInterface().check(GATEWAY);
	}

	@Test
	void relayShouldUseSt2ChatStateAndWeb() {
		only("relay", "st2", "chat", "state", "web", "alias").check(GATEWAY);
	}

	@Test
	void relayShouldUseAliasOnlyToAdaptItsAliasChangeListener() {
		noClasses().that()
			.resideInAPackage(BASE + ".relay..")
			.and(DescribedPredicate.describe("are not in RelayConfiguration",
					(JavaClass type) -> !outerSimpleName(type).equals("RelayConfiguration")))
			.should()
			.dependOnClassesThat()
			.resideInAPackage(BASE + ".alias..")
			.because("the relay knows the catalog only through its AliasChangeListener")
			.check(GATEWAY);
	}

	@Test
	void apiShouldUseCommandAliasSt2AndWeb() {
		only("api", "command", "alias", "st2", "web").check(GATEWAY);
	}

	@Test
	void chatPlatformShouldNeverUseAnotherPlatform() {
		slices().matching(BASE + ".chat.(*)..")
			.should()
			.notDependOnEachOther()
			.because("a platform is one subpackage; what two platforms share belongs to chat")
			.check(GATEWAY);
	}

	@Test
	void packagesShouldBeFreeOfCycles() {
		slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(GATEWAY);
	}

	@Test
	void stateShouldUseNoOtherGatewayPackage() {
		only("state").check(GATEWAY);
	}

	@Test
	void webShouldUseNoOtherGatewayPackage() {
		only("web").check(GATEWAY);
	}

	/**
	 * Classes of {@code owner} (and its subpackages) may use, of the gateway, only
	 * themselves and the {@code allowed} packages; {@code web} (problem details) is
	 * allowed to every package that answers HTTP and is named where it is.
	 * @param owner the package
	 * @param allowed the gateway packages it may use
	 * @return the rule
	 */
	static ArchRule only(String owner, String... allowed) {
		List<String> packages = Stream.concat(Stream.of(owner), Arrays.stream(allowed)).toList();
		return classes().that()
			.resideInAPackage(BASE + "." + owner + "..")
			.should()
			.onlyDependOnClassesThat(
					DescribedPredicate.describe("are outside the gateway or in " + String.join(", ", packages),
							(JavaClass target) -> isOutsideGatewayOrIn(target.getPackageName(), packages)));
	}

	private static boolean isOutsideGatewayOrIn(String packageName, List<String> packages) {
		if (!packageName.startsWith(BASE + ".")) {
			return true;
		}
		return packages.stream()
			.map((name) -> BASE + "." + name)
			.anyMatch((pkg) -> packageName.equals(pkg) || packageName.startsWith(pkg + "."));
	}

	static ArchRule chatRule() {
		return only("chat", "state", "web").because("a chat platform adapter knows nothing of commands, st2, "
				+ "aliases, the relay or the REST API; it hands ChatCommands to a ChatCommandHandler");
	}

	static ArchRule st2OnlyThroughItsInterface() {
		return noClasses().that()
			.resideInAnyPackage(BASE + ".command..", BASE + ".api..")
			.should()
			.dependOnClassesThat(DescribedPredicate.describe(
					"are st2 implementation classes (anything but St2Operations, St2Identity, records and exceptions)",
					(JavaClass target) -> target.getPackageName().equals(BASE + ".st2") && !isSt2Contract(target)));
	}

	private static boolean isSt2Contract(JavaClass target) {
		JavaClass outer = target;
		while (outer.getEnclosingClass().isPresent()) {
			outer = outer.getEnclosingClass().get();
		}
		return target.isRecord() || target.isAssignableTo(Throwable.class)
				|| outer.getSimpleName().equals("St2Operations") || outer.getSimpleName().equals("St2Identity");
	}

	static ArchRule aliasParserAndMatcherJdkOnly() {
		return classes().that()
			.resideInAPackage(BASE + ".alias")
			.and(DescribedPredicate.describe("are the parser or matcher",
					(JavaClass type) -> !ALIAS_WIRING.contains(outerSimpleName(type))))
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("java..", BASE + ".alias")
			.because("the parser and matcher are plain Java, testable and benchmarkable alone");
	}

	@Test
	void plantedChatClassUsingCommandShouldFailTheChatRule() {
		JavaClasses planted = planted(BASE + ".chat.PlantedForbiddenImport");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> chatRule().check(planted))
			.withMessageContaining("PlantedForbiddenImport")
			.withMessageContaining("CommandService");
	}

	@Test
	void plantedCommandClassUsingSt2ClientShouldFailTheInterfaceRule() {
		JavaClasses planted = planted(BASE + ".command.PlantedSt2ClientUse");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> st2OnlyThroughItsInterface().check(planted))
			.withMessageContaining("St2Client");
		// the interface itself is fine
		assertThatNoException().isThrownBy(() -> st2OnlyThroughItsInterface()
			.check(new ClassFileImporter().importClasses(io.github.st2chatops.gateway.command.CommandService.class)));
	}

	/** A class planted in test scope that breaks a rule on purpose. */
	private static JavaClasses planted(String className) {
		try {
			return new ClassFileImporter().importClasses(Class.forName(className));
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String outerSimpleName(JavaClass type) {
		JavaClass outer = type;
		while (outer.getEnclosingClass().isPresent()) {
			outer = outer.getEnclosingClass().get();
		}
		return outer.getSimpleName();
	}

}
