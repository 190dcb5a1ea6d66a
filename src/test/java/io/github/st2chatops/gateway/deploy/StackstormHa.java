package io.github.st2chatops.gateway.deploy;

import java.util.Map;

/**
 * What a default install of StackStorm's stackstorm-ha chart (1.1.0), released as "st2",
 * creates, read from its templates: the production example and its NetworkPolicy must
 * match these names and labels.
 * <ul>
 * <li>templates/configmaps_st2-urls.yaml: ConfigMap {@code <release>-st2-urls} with
 * ST2_AUTH_URL {@code http://<release>-st2auth:9100/}, ST2_API_URL
 * {@code http://<release>-st2api:9101/}, ST2_STREAM_URL
 * {@code http://<release>-st2stream:9102/};</li>
 * <li>templates/secrets_st2auth.yaml and _helpers.tpl: Secret {@code <release>-st2-auth}
 * (unless st2.existingAuthSecret) with ST2_AUTH_USERNAME and ST2_AUTH_PASSWORD;</li>
 * <li>_helpers.tpl (stackstorm-ha.labels): every st2 pod has
 * {@code app.kubernetes.io/name: <service>} and
 * {@code app.kubernetes.io/instance: <release>};</li>
 * <li>its Redis is bitnami's redis chart 12.3.2 with Sentinel (values.yaml:
 * redis.sentinel.enabled, usePassword false, "DO NOT SET sentinel.usePassword"), whose
 * redis-node StatefulSet labels its pods {@code app: redis}, {@code release: <release>},
 * {@code role: node}, and whose Sentinels are reached as
 * {@code <release>-redis-node-N.<release>-redis-headless:26379}, master set
 * {@code mymaster} (the same names st2's own coordination URL uses). With no password
 * there is no {@code <release>-redis} Secret.</li>
 * </ul>
 */
final class StackstormHa {

	static final String RELEASE = "st2";

	static final String URLS_CONFIG_MAP = RELEASE + "-st2-urls";

	static final String AUTH_SECRET = RELEASE + "-st2-auth";

	static final String SENTINEL_MASTER = "mymaster";

	static final Map<String, String> ST2_POD_LABELS = Map.of("app.kubernetes.io/instance", RELEASE);

	static final Map<String, String> ACTION_RUNNER_LABELS = Map.of("app.kubernetes.io/instance", RELEASE,
			"app.kubernetes.io/name", "st2actionrunner");

	static final Map<String, String> REDIS_POD_LABELS = Map.of("app", "redis", "release", RELEASE);

	private StackstormHa() {
	}

	static String sentinel(int index) {
		return RELEASE + "-redis-node-" + index + "." + RELEASE + "-redis-headless:26379";
	}

}
