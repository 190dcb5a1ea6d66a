package io.github.st2chatops.gateway.support;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ReflectionUtils;

/**
 * Points the settings of a test class's {@link StubServer} fields at those servers, as a
 * {@code @DynamicPropertySource} would (and with the same precedence: above the
 * properties of {@code @SpringBootTest}). Registered in
 * {@code META-INF/spring.factories}, so a test only declares its servers.
 */
class StubServerContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		List<Field> fields = new ArrayList<>();
		for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
			ReflectionUtils.doWithFields(type, fields::add, (field) -> Modifier.isStatic(field.getModifiers())
					&& StubServer.class.isAssignableFrom(field.getType()));
		}
		return fields.isEmpty() ? null : new StubServerContextCustomizer(List.copyOf(fields));
	}

	/**
	 * Adds the servers' settings; equal for the same fields, so a context is cached per
	 * test class as with {@code @DynamicPropertySource}.
	 *
	 * @param fields the static {@link StubServer} fields
	 */
	record StubServerContextCustomizer(List<Field> fields) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			Map<String, Object> properties = new LinkedHashMap<>();
			for (Field field : this.fields) {
				ReflectionUtils.makeAccessible(field);
				StubServer server = (StubServer) ReflectionUtils.getField(field, null);
				if (server != null) {
					properties.putAll(server.properties());
				}
			}
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("stubServers", properties));
		}

	}

}
