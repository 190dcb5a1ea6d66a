{{/* Chart name, at most 63 characters. */}}
{{- define "gateway.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Full name: the release name, plus the chart name unless the release name contains it. */}}
{{- define "gateway.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "gateway.selectorLabels" -}}
app.kubernetes.io/name: {{ include "gateway.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "gateway.labels" -}}
{{ include "gateway.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "gateway.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "gateway.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "gateway.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/* More than one pod at a time: replicaCount > 1 or the autoscaler. */}}
{{- define "gateway.multiReplica" -}}
{{- if or (gt (int .Values.replicaCount) 1) .Values.autoscaling.enabled -}}true{{- end -}}
{{- end -}}

{{/*
gateway.put: sets (list $dict KEY value) when the value is set. Booleans and numbers are always
set (false and 0 are values); strings when not empty; null never.
*/}}
{{- define "gateway.put" -}}
{{- $env := index . 0 -}}
{{- $key := index . 1 -}}
{{- $value := index . 2 -}}
{{- if kindIs "bool" $value -}}
{{- $_ := set $env $key (toString $value) -}}
{{- else if has (kindOf $value) (list "float64" "int" "int64") -}}
{{- $_ := set $env $key (toString (int64 $value)) -}}
{{- else if and (not (kindIs "invalid" $value)) (ne (toString $value) "") -}}
{{- $_ := set $env $key (toString $value) -}}
{{- end -}}
{{- end -}}

{{/*
Settings that are not secret, as environment variables (Spring Boot's relaxed binding:
gateway.st2.api-url is GATEWAY_ST2_API_URL). Rendered into the ConfigMap.
*/}}
{{- define "gateway.configEnv" -}}
{{- $env := dict -}}
{{- include "gateway.put" (list $env "SERVER_PORT" .Values.containerPorts.http) -}}
{{- include "gateway.put" (list $env "MANAGEMENT_SERVER_PORT" .Values.containerPorts.management) -}}
{{- include "gateway.put" (list $env "JAVA_TOOL_OPTIONS" .Values.javaToolOptions) -}}
{{- $_ := set $env "LOGGING_STRUCTURED_FORMAT_CONSOLE" (toString .Values.logging.structuredFormat) -}}
{{- range $logger, $level := .Values.logging.level -}}
{{- include "gateway.put" (list $env (printf "LOGGING_LEVEL_%s" ($logger | upper | replace "." "_" | replace "-" "_")) $level) -}}
{{- end -}}
{{- include "gateway.put" (list $env "GATEWAY_ST2_URL" (include "gateway.st2Url" .)) -}}
{{- include "gateway.put" (list $env "GATEWAY_ST2_API_URL" .Values.st2.apiUrl) -}}
{{- include "gateway.put" (list $env "GATEWAY_ST2_AUTH_URL" .Values.st2.authUrl) -}}
{{- include "gateway.put" (list $env "GATEWAY_ST2_STREAM_URL" .Values.st2.streamUrl) -}}
{{- include "gateway.put" (list $env "GATEWAY_ST2_WEB_URL" .Values.st2.webUrl) -}}
{{- include "gateway.put" (list $env "GATEWAY_ST2_ROUTE" .Values.st2.route) -}}
{{- include "gateway.put" (list $env "GATEWAY_ST2_USERNAME" .Values.st2.username) -}}
{{- include "gateway.put" (list $env "GATEWAY_ST2_TTL" .Values.st2.ttl) -}}
{{- include "gateway.put" (list $env "GATEWAY_ST2_TOKEN_RENEWAL_MARGIN" .Values.st2.tokenRenewalMargin) -}}
{{- include "gateway.put" (list $env "GATEWAY_ST2_CONNECT_TIMEOUT" .Values.st2.connectTimeout) -}}
{{- include "gateway.put" (list $env "GATEWAY_ST2_READ_TIMEOUT" .Values.st2.readTimeout) -}}
{{- include "gateway.put" (list $env "GATEWAY_ST2_VERIFY_TLS" .Values.st2.verifyTls) -}}
{{- if or .Values.st2.caBundle.configMap .Values.st2.caBundle.secret -}}
{{- $_ := set $env "GATEWAY_ST2_CA_BUNDLE" (printf "/etc/st2-chatops-gateway/st2-ca/%s" .Values.st2.caBundle.key) -}}
{{- end -}}
{{- include "gateway.put" (list $env "GATEWAY_ST2_PAGE_SIZE" .Values.st2.pageSize) -}}
{{- include "gateway.put" (list $env "GATEWAY_ST2_RETRY_MAX_RETRIES" .Values.st2.retry.maxRetries) -}}
{{- include "gateway.put" (list $env "GATEWAY_ST2_RETRY_DELAY" .Values.st2.retry.delay) -}}
{{- include "gateway.put" (list $env "GATEWAY_ST2_IMPERSONATION_ENABLED" .Values.st2.impersonation.enabled) -}}
{{- with .Values.st2.impersonation.users -}}
{{- include "gateway.put" (list $env "GATEWAY_ST2_IMPERSONATION_USERS" (join "," .)) -}}
{{- end -}}
{{- with .Values.st2.impersonation.nicknamePlatforms -}}
{{- include "gateway.put" (list $env "GATEWAY_ST2_IMPERSONATION_NICKNAME_PLATFORMS" (join "," .)) -}}
{{- end -}}
{{- include "gateway.put" (list $env "GATEWAY_ST2_IMPERSONATION_FALLBACK" .Values.st2.impersonation.fallback) -}}
{{- $_ := set $env "GATEWAY_COMMAND_PREFIX" (toString .Values.command.prefix) -}}
{{- include "gateway.put" (list $env "GATEWAY_COMMAND_HELP_PAGE_SIZE" .Values.command.helpPageSize) -}}
{{- include "gateway.put" (list $env "GATEWAY_COMMAND_MAX_LENGTH" .Values.command.maxLength) -}}
{{- include "gateway.put" (list $env "GATEWAY_CATALOG_REFRESH_INTERVAL" .Values.catalog.refreshInterval) -}}
{{- include "gateway.put" (list $env "GATEWAY_CATALOG_MAX_AGE" .Values.catalog.maxAge) -}}
{{- range $name, $key := .Values.api.keys -}}
{{- include "gateway.put" (list $env (printf "GATEWAY_API_KEYS_%s_USER" (upper $name)) $key.user) -}}
{{- include "gateway.put" (list $env (printf "GATEWAY_API_KEYS_%s_ANY_USER" (upper $name)) $key.anyUser) -}}
{{- end -}}
{{- include "gateway.put" (list $env "GATEWAY_ACCESS_DEFAULT" .Values.access.default) -}}
{{- include "gateway.put" (list $env "GATEWAY_ACCESS_DIRECT_MESSAGES" .Values.access.directMessages) -}}
{{- with .Values.access.channels -}}
{{- include "gateway.put" (list $env "GATEWAY_ACCESS_CHANNELS" (join "," .)) -}}
{{- end -}}
{{- /* an ordered list of rules: one indexed variable per field, lists comma-separated */ -}}
{{- range $i, $rule := .Values.access.rules -}}
{{- include "gateway.put" (list $env (printf "GATEWAY_ACCESS_RULES_%d_EFFECT" $i) $rule.effect) -}}
{{- range $field := list "users" "channels" "packs" "aliases" -}}
{{- with (index $rule $field) -}}
{{- include "gateway.put" (list $env (printf "GATEWAY_ACCESS_RULES_%d_%s" $i (upper $field)) (join "," .)) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- include "gateway.put" (list $env "GATEWAY_RATE_LIMIT_ENABLED" .Values.rateLimit.enabled) -}}
{{- include "gateway.put" (list $env "GATEWAY_RATE_LIMIT_PER_USER" .Values.rateLimit.perUser) -}}
{{- include "gateway.put" (list $env "GATEWAY_RATE_LIMIT_PER_CHANNEL" .Values.rateLimit.perChannel) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_DELIVERY_TIMEOUT" .Values.chat.delivery.timeout) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_DELIVERY_INITIAL_BACKOFF" .Values.chat.delivery.initialBackoff) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_DELIVERY_MAX_BACKOFF" .Values.chat.delivery.maxBackoff) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_DELIVERY_FILES_ENABLED" .Values.chat.delivery.files.enabled) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_DELIVERY_FILES_MIN_LENGTH" .Values.chat.delivery.files.minLength) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_SLACK_API_URL" .Values.chat.slack.apiUrl) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_SLACK_SOCKET_MODE_ENABLED" .Values.chat.slack.socketMode.enabled) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_SLACK_SOCKET_MODE_CONNECTIONS" .Values.chat.slack.socketMode.connections) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_SLACK_SOCKET_MODE_PING_INTERVAL" .Values.chat.slack.socketMode.pingInterval) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_SLACK_USER_FIELD" .Values.chat.slack.userField) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_SLACK_MESSAGE_LIMIT" .Values.chat.slack.messageLimit) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_SLACK_DEDUPE_WINDOW" .Values.chat.slack.dedupeWindow) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_SLACK_TIMEOUT" .Values.chat.slack.timeout) -}}
{{- with .Values.chat.slack.responseUrlHosts -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_SLACK_RESPONSE_URL_HOSTS" (join "," .)) -}}
{{- end -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_MATTERMOST_URL" .Values.chat.mattermost.url) -}}
{{- if .Values.chat.mattermost.websocket.enabled -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_MATTERMOST_WEBSOCKET_ENABLED" true) -}}
{{- end -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_MATTERMOST_WEBSOCKET_PING_INTERVAL" .Values.chat.mattermost.websocket.pingInterval) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_MATTERMOST_WEBSOCKET_URL" .Values.chat.mattermost.websocket.url) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_MATTERMOST_USER_FIELD" .Values.chat.mattermost.userField) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_MATTERMOST_REPLY_DEADLINE" .Values.chat.mattermost.replyDeadline) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_MATTERMOST_MESSAGE_LIMIT" .Values.chat.mattermost.messageLimit) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_MATTERMOST_DEDUPE_WINDOW" .Values.chat.mattermost.dedupeWindow) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_MATTERMOST_TIMEOUT" .Values.chat.mattermost.timeout) -}}
{{- with .Values.chat.mattermost.responseUrlHosts -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_MATTERMOST_RESPONSE_URL_HOSTS" (join "," .)) -}}
{{- end -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_TEAMS_USER_FIELD" .Values.chat.teams.userField) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_TEAMS_REPLY_DEADLINE" .Values.chat.teams.replyDeadline) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_TEAMS_MAX_MESSAGE_LENGTH" .Values.chat.teams.maxMessageLength) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_ROCKETCHAT_USER_FIELD" .Values.chat.rocketchat.userField) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_ROCKETCHAT_REPLY_DEADLINE" .Values.chat.rocketchat.replyDeadline) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_ROCKETCHAT_MAX_MESSAGE_LENGTH" .Values.chat.rocketchat.maxMessageLength) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_DISCORD_PUBLIC_KEY" .Values.chat.discord.publicKey) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_DISCORD_APPLICATION_ID" .Values.chat.discord.applicationId) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_DISCORD_API_URL" .Values.chat.discord.apiUrl) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_DISCORD_COMMAND_NAME" .Values.chat.discord.commandName) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_DISCORD_USER_FIELD" .Values.chat.discord.userField) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_DISCORD_MESSAGE_LIMIT" .Values.chat.discord.messageLimit) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_DISCORD_DEDUPE_WINDOW" .Values.chat.discord.dedupeWindow) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_DISCORD_TIMEOUT" .Values.chat.discord.timeout) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_GENERIC_CALLBACK_URL" .Values.chat.generic.callbackUrl) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_GENERIC_MAX_MESSAGE_LENGTH" .Values.chat.generic.maxMessageLength) -}}
{{- include "gateway.put" (list $env "GATEWAY_RELAY_DEDUPE_WINDOW" .Values.relay.dedupeWindow) -}}
{{- include "gateway.put" (list $env "GATEWAY_RELAY_MAX_BODY_SIZE" .Values.relay.maxBodySize) -}}
{{- include "gateway.put" (list $env "GATEWAY_RELAY_MAX_MESSAGE_LENGTH" .Values.relay.maxMessageLength) -}}
{{- include "gateway.put" (list $env "GATEWAY_RELAY_STREAM_ENABLED" .Values.relay.stream.enabled) -}}
{{- include "gateway.put" (list $env "GATEWAY_RELAY_STREAM_IDLE_TIMEOUT" .Values.relay.stream.idleTimeout) -}}
{{- include "gateway.put" (list $env "GATEWAY_RELAY_STREAM_INITIAL_BACKOFF" .Values.relay.stream.initialBackoff) -}}
{{- include "gateway.put" (list $env "GATEWAY_RELAY_STREAM_MAX_BACKOFF" .Values.relay.stream.maxBackoff) -}}
{{- include "gateway.put" (list $env "GATEWAY_RELAY_STREAM_STABLE_AFTER" .Values.relay.stream.stableAfter) -}}
{{- include "gateway.put" (list $env "GATEWAY_RELAY_STREAM_CONNECT_TIMEOUT" .Values.relay.stream.connectTimeout) -}}
{{- include "gateway.put" (list $env "GATEWAY_RELAY_STREAM_LOCK_TTL" .Values.relay.stream.lockTtl) -}}
{{- include "gateway.put" (list $env "GATEWAY_RELAY_STREAM_REDELIVERIES" .Values.relay.stream.redeliveries) -}}
{{- include "gateway.put" (list $env "GATEWAY_RELAY_STREAM_QUEUE_CAPACITY" .Values.relay.stream.queueCapacity) -}}
{{- include "gateway.put" (list $env "GATEWAY_RELAY_STREAM_DELIVERY_CONCURRENCY" .Values.relay.stream.deliveryConcurrency) -}}
{{- include "gateway.put" (list $env "GATEWAY_INQUIRY_PUBLIC_URL" .Values.inquiry.publicUrl) -}}
{{- range $route, $target := .Values.inquiry.routes -}}
{{- include "gateway.put" (list $env (printf "GATEWAY_INQUIRY_ROUTES_%s" (upper $route)) $target) -}}
{{- end -}}
{{- include "gateway.put" (list $env "GATEWAY_STATE_STORE" .Values.state.store) -}}
{{- include "gateway.put" (list $env "GATEWAY_STATE_KEY_PREFIX" .Values.state.keyPrefix) -}}
{{- if eq .Values.state.store "redis" -}}
{{- /* Spring Boot's own connection settings (docs/state.md); the password comes from a secretKeyRef */ -}}
{{- include "gateway.put" (list $env "SPRING_DATA_REDIS_URL" .Values.state.redis.url) -}}
{{- include "gateway.put" (list $env "SPRING_DATA_REDIS_SENTINEL_MASTER" .Values.state.redis.sentinel.master) -}}
{{- with .Values.state.redis.sentinel.nodes -}}
{{- include "gateway.put" (list $env "SPRING_DATA_REDIS_SENTINEL_NODES" (join "," .)) -}}
{{- end -}}
{{- include "gateway.put" (list $env "SPRING_DATA_REDIS_SSL_ENABLED" .Values.state.redis.tls) -}}
{{- end -}}
{{- include "gateway.put" (list $env "GATEWAY_WEB_MAX_BODY_SIZE" .Values.web.maxBodySize) -}}
{{- include "gateway.put" (list $env "GATEWAY_WEB_BODY_READ_TIMEOUT" .Values.web.bodyReadTimeout) -}}
{{- toYaml $env -}}
{{- end -}}

{{/*
Credentials, as environment variables. Rendered into the chart's Secret (never into the
ConfigMap); with existingSecret, your Secret holds the same keys.
*/}}
{{- define "gateway.secretEnv" -}}
{{- $env := dict -}}
{{- include "gateway.put" (list $env "GATEWAY_ST2_API_KEY" .Values.st2.apiKey) -}}
{{- include "gateway.put" (list $env "GATEWAY_ST2_AUTH_TOKEN" .Values.st2.authToken) -}}
{{- include "gateway.put" (list $env "GATEWAY_ST2_PASSWORD" .Values.st2.password) -}}
{{- range $name, $key := .Values.api.keys -}}
{{- include "gateway.put" (list $env (printf "GATEWAY_API_KEYS_%s_TOKEN" (upper $name)) $key.token) -}}
{{- end -}}
{{- include "gateway.put" (list $env "GATEWAY_RELAY_TOKEN" .Values.relay.token) -}}
{{- include "gateway.put" (list $env "GATEWAY_INQUIRY_SIGNING_SECRET" .Values.inquiry.signingSecret) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_SLACK_APP_TOKEN" .Values.chat.slack.appToken) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_SLACK_SIGNING_SECRET" .Values.chat.slack.signingSecret) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_SLACK_BOT_TOKEN" .Values.chat.slack.botToken) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_MATTERMOST_TOKEN" .Values.chat.mattermost.token) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_MATTERMOST_BOT_TOKEN" .Values.chat.mattermost.botToken) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_TEAMS_SECURITY_TOKEN" .Values.chat.teams.securityToken) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_TEAMS_DEFAULT_WORKFLOW_URL" .Values.chat.teams.defaultWorkflowUrl) -}}
{{- with .Values.chat.teams.workflowUrls -}}
{{- /* channel ids (19:...@thread.tacv2) cannot be environment variable names: JSON with
Spring's bracket notation keeps them whole */ -}}
{{- $urls := dict -}}
{{- range $channel, $url := . -}}
{{- $_ := set $urls (printf "[%s]" $channel) $url -}}
{{- end -}}
{{- $json := dict "gateway" (dict "chat" (dict "teams" (dict "workflow-urls" $urls))) -}}
{{- $_ := set $env "SPRING_APPLICATION_JSON" (toJson $json) -}}
{{- end -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_ROCKETCHAT_TOKEN" .Values.chat.rocketchat.token) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_ROCKETCHAT_WEBHOOK_URL" .Values.chat.rocketchat.webhookUrl) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_DISCORD_BOT_TOKEN" .Values.chat.discord.botToken) -}}
{{- include "gateway.put" (list $env "GATEWAY_CHAT_GENERIC_SECRET" .Values.chat.generic.secret) -}}
{{- toYaml $env -}}
{{- end -}}

{{/*
"true" when the gateway needs nothing to call it over http: a socket transport is on (Slack
Socket Mode, the Mattermost WebSocket), and no webhook platform, API key or relay token is
set. With existingSecret the chart cannot see which credentials there are, so it assumes
webhooks may be on.
*/}}
{{- define "gateway.socketsOnly" -}}
{{- $chat := .Values.chat -}}
{{- $refs := .Values.secretKeyRefs | default dict -}}
{{- $slackSocket := and (or $chat.slack.appToken (hasKey $refs "GATEWAY_CHAT_SLACK_APP_TOKEN")) (ne (toString $chat.slack.socketMode.enabled) "false") -}}
{{- $sockets := or $slackSocket $chat.mattermost.websocket.enabled -}}
{{- $inbound := or .Values.existingSecret .Values.api.keys .Values.relay.token $chat.slack.signingSecret $chat.mattermost.token $chat.teams.securityToken $chat.rocketchat.token $chat.generic.secret $chat.discord.publicKey -}}
{{- range $name := list "GATEWAY_CHAT_SLACK_SIGNING_SECRET" "GATEWAY_CHAT_MATTERMOST_TOKEN" "GATEWAY_CHAT_TEAMS_SECURITY_TOKEN" "GATEWAY_CHAT_ROCKETCHAT_TOKEN" "GATEWAY_CHAT_GENERIC_SECRET" "GATEWAY_RELAY_TOKEN" -}}
{{- if hasKey $refs $name -}}{{- $inbound = true -}}{{- end -}}
{{- end -}}
{{- if and $sockets (not $inbound) -}}true{{- end -}}
{{- end -}}

{{/* The Secret the pods read credentials from; empty when there is none. */}}
{{- define "gateway.secretName" -}}
{{- if .Values.existingSecret -}}
{{- .Values.existingSecret -}}
{{- else if include "gateway.secretEnv" . | fromYaml -}}
{{- include "gateway.fullname" . -}}
{{- end -}}
{{- end -}}

{{/*
The Redis password as secretKeyRef environment variables (a YAML list of EnvVar), empty
without state.store=redis or state.redis.existingSecret. Never a literal value.
*/}}
{{- define "gateway.redisPasswordEnv" -}}
{{- if and (eq .Values.state.store "redis") .Values.state.redis.existingSecret -}}
{{- $ref := dict "secretKeyRef" (dict "name" .Values.state.redis.existingSecret "key" .Values.state.redis.existingSecretPasswordKey) -}}
{{- $env := list (dict "name" "SPRING_DATA_REDIS_PASSWORD" "valueFrom" $ref) -}}
{{- if .Values.state.redis.sentinel.usePassword -}}
{{- $env = append $env (dict "name" "SPRING_DATA_REDIS_SENTINEL_PASSWORD" "valueFrom" $ref) -}}
{{- end -}}
{{- toYaml $env -}}
{{- end -}}
{{- end -}}

{{/*
st2's base URL. Not required when extraEnvFrom may bring st2's URLs instead (stackstorm-ha's
<release>-st2-urls ConfigMap: ST2_API_URL ...); the gateway then checks them at start-up.
*/}}
{{- define "gateway.st2Url" -}}
{{- if not .Values.extraEnvFrom -}}
{{- required "st2.url is required: st2's base URL, e.g. http://<stackstorm-ha release>-st2web, or st2's URLs through extraEnvFrom, e.g. stackstorm-ha's <release>-st2-urls ConfigMap (docs/deploy.md)" .Values.st2.url -}}
{{- else -}}
{{- .Values.st2.url -}}
{{- end -}}
{{- end -}}

{{/*
Refuses what would not work: several replicas without a shared state store, no or several st2
credentials, credentials given twice.
*/}}
{{- define "gateway.validate" -}}
{{- $_ := include "gateway.st2Url" . -}}
{{- if and (include "gateway.multiReplica" .) (ne .Values.state.store "redis") -}}
{{- fail "replicaCount > 1 and autoscaling.enabled need the shared Redis state store: set state.store=redis with state.redis.url or state.redis.sentinel (docs/deploy.md), or keep replicaCount at 1 and autoscaling.enabled false" -}}
{{- end -}}
{{- if eq .Values.state.store "redis" -}}
{{- $redis := .Values.state.redis -}}
{{- if and $redis.url $redis.sentinel.master -}}
{{- fail "state.store=redis: set state.redis.url or state.redis.sentinel.master, not both" -}}
{{- end -}}
{{- if not (or $redis.url $redis.sentinel.master) -}}
{{- fail "state.store=redis needs the Redis to connect to: state.redis.url (a standalone Redis) or state.redis.sentinel.master and state.redis.sentinel.nodes (Sentinel, as stackstorm-ha runs it)" -}}
{{- end -}}
{{- if and $redis.sentinel.master (not $redis.sentinel.nodes) -}}
{{- fail "state.redis.sentinel.master is set but state.redis.sentinel.nodes is empty: list the Sentinels as host:port" -}}
{{- end -}}
{{- if and $redis.sentinel.usePassword (not $redis.existingSecret) -}}
{{- fail "state.redis.sentinel.usePassword needs state.redis.existingSecret, the Secret holding the password" -}}
{{- end -}}
{{- end -}}
{{- $secrets := include "gateway.secretEnv" . | fromYaml -}}
{{- if and .Values.existingSecret $secrets -}}
{{- fail (printf "existingSecret is set, so the chart creates no Secret and would ignore %s: put them in %s instead" (keys $secrets | sortAlpha | join ", ") .Values.existingSecret) -}}
{{- end -}}
{{- if not .Values.existingSecret -}}
{{- $modes := list -}}
{{- range $name := list "GATEWAY_ST2_API_KEY" "GATEWAY_ST2_AUTH_TOKEN" "GATEWAY_ST2_PASSWORD" -}}
{{- if or (hasKey $secrets $name) (hasKey $.Values.secretKeyRefs $name) -}}
{{- $modes = append $modes $name -}}
{{- end -}}
{{- end -}}
{{- /* extraEnvFrom may bring st2chatops' credentials (ST2_AUTH_USERNAME ...) */ -}}
{{- if or (gt (len $modes) 1) (and (eq (len $modes) 0) (not .Values.extraEnvFrom)) -}}
{{- fail (printf "set exactly one st2 credential: st2.apiKey, st2.authToken, or st2.username + st2.password (or existingSecret / secretKeyRefs), found %d" (len $modes)) -}}
{{- end -}}
{{- if and (has "GATEWAY_ST2_PASSWORD" $modes) (not .Values.st2.username) (not (hasKey .Values.secretKeyRefs "GATEWAY_ST2_USERNAME")) -}}
{{- fail "st2.password is set but st2.username is not" -}}
{{- end -}}
{{- end -}}
{{- end -}}
