package io.github.st2chatops.gateway.simulator;

/**
 * What a browser sees at the simulator's root, where st2's web UI would be: the
 * {@code web_url} of an execution leads here.
 */
final class SimulatorPage {

	private SimulatorPage() {
	}

	static String html(String baseUrl, String apiKey) {
		return """
				<!DOCTYPE html>
				<html lang="en">
				<head><meta charset="utf-8"><title>Simulated st2</title></head>
				<body>
				<h1>Simulated st2</h1>
				<p>This is the st2 simulator of st2-chatops-gateway's tests. It has no web UI; st2's API is here.</p>
				<p id="execution"></p>
				<pre>
				curl -H 'St2-Api-Key: %s' %s/api/v1/actionalias
				</pre>
				<script>
				const match = window.location.hash.match(/#\\/history\\/([0-9a-f]+)/);
				if (match) {
				  const url = window.location.origin + '/api/v1/executions/' + match[1];
				  document.getElementById('execution').textContent =
				    'Execution ' + match[1] + ": curl -H 'St2-Api-Key: %s' " + url;
				}
				</script>
				</body>
				</html>
				""".formatted(apiKey, baseUrl, apiKey);
	}

}
