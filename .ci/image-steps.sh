#!/usr/bin/env bash
# Proves the Dockerfile without a Docker engine (there is none on these machines).
#
# It reads the Dockerfile and carries out its instructions on this machine: each stage gets a
# folder standing for its file system, COPY copies from the context or an earlier stage, RUN runs
# the build stage's own commands (bind mounts become links, cache mounts are the local caches,
# the JDK and JRE are a local JDK 25, as in the image), and the last stage's ENV, WORKDIR, USER
# and ENTRYPOINT start the application from the extracted layers. So the very commands of the
# Dockerfile run, the AOT cache's training run included; an instruction it does not know fails
# the script rather than being skipped.
#
# The stages' file systems live in a folder this script makes under /tmp, open to every user
# as an image's folders are, and the runtime stage's files get an image's modes (readable by
# all, writable by none but root): the image's user (uid 10001) must read them wherever the
# checkout is, also inside a folder closed to other users (a `mktemp -d` folder, a home).
# Logs stay in target/image-steps.
#
# Then it checks what the image promises: liveness UP with an st2 that is not there, readiness
# UP once the first catalog sync attempt has failed (st2 is not in readiness), overall health
# DOWN for that reason, actuator only on the management port, Prometheus metrics, build and git
# info, JSON logs, virtual threads on a JRE 21+, and a graceful shutdown on SIGTERM. It also lints
# the Dockerfile with dockerfile-utils (npm) and checks the image's rules: a JRE 25 base, a numeric
# non-root user, an exec-form entrypoint, a container-sized heap, OCI labels, an allow-list
# .dockerignore.
#
# It measures, in the same run and on the same JRE, the image as built (its entrypoint: the AOT
# cache and the client compiler only) and the plain jar (`java -jar` with the image's
# JAVA_TOOL_OPTIONS, the memory settings, but none of the entrypoint's start-up options), and
# prints one line each:
#   image startup_s=<x> idle_rss_mb=<y> loaded_rss_mb=<z>
#   plain-jar startup_s=<x> idle_rss_mb=<y> loaded_rss_mb=<z>
# startup_s runs from the JVM's launch to liveness answering 200; idle_rss_mb is taken 5 s after
# that; loaded_rss_mb after LOAD_SECONDS (default 10) of 16 concurrent clients on the dry-run
# API, liveness and the Prometheus scrape. Both JVMs see the chart's memory limit
# (resources.limits.memory, as -XX:MaxRAM: this machine has no container limit to detect).
#
# The JDK: IMAGE_JAVA_HOME, else a JDK 25 under /usr/lib/jvm (Temurin's or Debian's); .ci/run
# installs Debian's openjdk-25 when there is none and Debian offers it. Without a JDK 25 the
# script stops and says so: the image's JRE is 25 and its AOT cache cannot be made on another.
#
# Usage: bash .ci/image-steps.sh   (IMAGE_STEPS_SKIP_LINT=1 skips the npm linter when offline)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work="$root/target/image-steps"
started=$SECONDS
LOAD_SECONDS=${LOAD_SECONDS:-10}

say() { echo "image-steps: $*"; }
fail() {
	echo "image-steps: FAILED: $*" >&2
	exit 1
}

app_pid=""
stages=""
cleanup() {
	if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
		kill -KILL "$app_pid" 2>/dev/null || true
	fi
	if [[ -n "$stages" ]]; then
		rm -rf "$stages"
	fi
}
trap cleanup EXIT

# --- lint ------------------------------------------------------------------------------------
if [[ "${IMAGE_STEPS_SKIP_LINT:-}" != 1 ]]; then
	say "linting the Dockerfile with dockerfile-utils"
	npx --yes --loglevel=error dockerfile-utils@0.16.3 lint Dockerfile 2> >(grep -v 'Unknown user config' >&2) ||
		fail "dockerfile-utils found problems in the Dockerfile"
fi

# --- read the Dockerfile: one instruction per line, continuations joined, comments dropped ----
mapfile -t instructions < <(awk '
	/^[[:space:]]*#/ && !continued { next }
	/^[[:space:]]*$/ && !continued { next }
	{
		line = $0
		sub(/^[[:space:]]+/, "", line)
		if (line ~ /\\[[:space:]]*$/) {
			sub(/\\[[:space:]]*$/, "", line)
			buffer = buffer line " "
			continued = 1
			next
		}
		print buffer line
		buffer = ""
		continued = 0
	}' Dockerfile)

declare -A args=() stage_dirs=()
stage_count=0
stage_dir=""
stage_image=""
workdir="/"
user=""
entrypoint=""
exposed=()
labels=""
env_names=()
declare -A env_values=()

expand_args() {
	local text=$1 name
	for name in "${!args[@]}"; do
		text=${text//\$\{$name\}/${args[$name]}}
		text=${text//\$$name/${args[$name]}}
	done
	echo "$text"
}

spec_version() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
build_java_home=""
for candidate in ${IMAGE_JAVA_HOME:-} /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25-openjdk*; do
	if [[ -x "$candidate/bin/java" && -x "$candidate/bin/javac" && "$(spec_version "$candidate")" == 25 ]]; then
		build_java_home=$candidate
		break
	fi
done
[[ -n "$build_java_home" ]] ||
	fail "no JDK 25 here (IMAGE_JAVA_HOME, /usr/lib/jvm/temurin-25*, /usr/lib/jvm/java-25-openjdk*): the image builds on a JDK 25 and runs on a JRE 25, and its AOT cache can only be trained on that JRE; install one (Debian: openjdk-25-jdk-headless, where offered) or point IMAGE_JAVA_HOME at one"
say "JDK and JRE of the image: $build_java_home"

rm -rf "$work"
mkdir -p "$work"
# the stages' file systems: a folder of our own, open as an image's folders are (see the top)
stages=$(mktemp -d /tmp/image-steps.XXXXXX)
chmod 0755 "$stages"

in_stage() {
	# a path inside the current stage's file system
	local path=$1
	[[ "$path" == /* ]] || path="$workdir/$path"
	echo "$stage_dir$path"
}

copy() {
	local from="" chmod="" words=() word
	for word in "$@"; do
		case "$word" in
		--from=*) from=${word#--from=} ;;
		--chmod=*) chmod=${word#--chmod=} ;;
		--*) fail "COPY $word is not understood by this script" ;;
		*) words+=("$word") ;;
		esac
	done
	local destination=${words[-1]} source target
	unset 'words[-1]'
	target=$(in_stage "$destination")
	for source in "${words[@]}"; do
		local path
		if [[ -n "$from" ]]; then
			[[ -n "${stage_dirs[$from]:-}" ]] || fail "COPY --from=$from: no such stage"
			path="${stage_dirs[$from]}$source"
		else
			[[ "$source" != /* && "$source" != *..* ]] || fail "COPY $source leaves the build context"
			grep -qxF "!${source%/}" .dockerignore || grep -qxF "!${source%/}/" .dockerignore ||
				fail "COPY $source: .dockerignore does not let it into the context"
			path="$root/$source"
		fi
		[[ -e "$path" ]] || fail "COPY $source: not found ($path)"
		if [[ -d "$path" ]]; then
			mkdir -p "$target"
			cp -a "$path/." "$target/"
		elif [[ "$destination" == */ || -d "$target" ]]; then
			mkdir -p "$target"
			cp -a "$path" "$target/"
			[[ -z "$chmod" ]] || chmod "$chmod" "$target/$(basename "$path")"
		else
			mkdir -p "$(dirname "$target")"
			cp -a "$path" "$target"
			[[ -z "$chmod" ]] || chmod "$chmod" "$target"
		fi
	done
}

run() {
	local command=$1 links=()
	while [[ "$command" == --mount=* ]]; do
		local mount=${command%% *} spec
		command=${command#* }
		spec=${mount#--mount=}
		case ",$spec," in
		*,type=cache,*) ;; # the local caches (~/.m2) play the build cache
		*,type=bind,*)
			local source target
			source=$(sed -E 's/.*(^|,)source=([^,]+).*/\2/' <<<"$spec")
			target=$(sed -E 's/.*(^|,)target=([^,]+).*/\2/' <<<"$spec")
			target=$(in_stage "$target")
			# docker build fails on a missing bind source too
			[[ -e "$root/$source" ]] || fail "RUN $mount: $source is not in the build context"
			ln -s "$root/$source" "$target"
			links+=("$target")
			;;
		*) fail "RUN $mount is not understood by this script" ;;
		esac
	done
	[[ "$command" != --* ]] || fail "RUN ${command%% *} is not understood by this script"
	say "RUN $command"
	# the stage's ENV so far applies, as in docker build (the runtime stage's JAVA_TOOL_OPTIONS
	# reach the AOT cache's training run); the java on the PATH is the image's JDK or JRE
	local stage_environment=() name
	for name in "${env_names[@]}"; do
		stage_environment+=("$name=${env_values[$name]}")
	done
	(cd "$(in_stage .)" && env "${stage_environment[@]}" JAVA_HOME="$build_java_home" PATH="$build_java_home/bin:$PATH" \
		bash -euo pipefail -c "$command") || fail "RUN failed: $command"
	local link
	for link in "${links[@]}"; do
		rm -f "$link"
	done
}

for instruction in "${instructions[@]}"; do
	keyword=${instruction%% *}
	rest=${instruction#* }
	case "${keyword^^}" in
	ARG)
		if [[ "$rest" == *=* ]]; then
			args[${rest%%=*}]=${rest#*=}
		fi
		;;
	FROM)
		read -r -a from <<<"$(expand_args "$rest")"
		stage_image=${from[0]}
		stage_dir="$stages/stage-$stage_count"
		mkdir -p "$stage_dir"
		stage_dirs[$stage_count]=$stage_dir
		if [[ ${#from[@]} -ge 3 && "${from[1]^^}" == AS ]]; then
			stage_dirs[${from[2]}]=$stage_dir
		fi
		stage_count=$((stage_count + 1))
		workdir="/"
		user=""
		entrypoint=""
		exposed=()
		labels=""
		env_names=()
		env_values=()
		say "FROM $stage_image"
		;;
	WORKDIR)
		workdir=$rest
		mkdir -p "$(in_stage .)"
		;;
	COPY)
		read -r -a words <<<"$rest"
		copy "${words[@]}"
		;;
	RUN) run "$rest" ;;
	ENV)
		[[ "$rest" != *'$'* ]] || fail "ENV with \$ references is not understood by this script"
		eval "pairs=($rest)"
		for pair in "${pairs[@]}"; do
			env_names+=("${pair%%=*}")
			env_values[${pair%%=*}]=${pair#*=}
		done
		;;
	USER) user=$rest ;;
	EXPOSE) read -r -a exposed <<<"$rest" ;;
	LABEL) labels="$labels $rest" ;;
	ENTRYPOINT) entrypoint=$rest ;;
	*) fail "$keyword is not understood by this script (it knows ARG FROM WORKDIR COPY RUN ENV USER EXPOSE LABEL ENTRYPOINT)" ;;
	esac
done

# --- the image's rules --------------------------------------------------------------------------
[[ "$stage_image" == *jre* && "$stage_image" == *25* ]] || fail "the runtime image is not a JRE 25: $stage_image"
[[ "$user" =~ ^[0-9]+(:[0-9]+)?$ && "${user%%:*}" != 0 ]] || fail "USER must be a numeric non-root user: '$user'"
[[ "$entrypoint" == \[* ]] || fail "ENTRYPOINT must be exec form (a JSON array): $entrypoint"
[[ "${env_values[JAVA_TOOL_OPTIONS]:-}" == *MaxRAMPercentage* ]] || fail "the heap must follow the container (MaxRAMPercentage)"
[[ "$entrypoint" == *'"-XX:AOTCache='* ]] || fail "the entrypoint does not start from an AOT cache (-XX:AOTCache=...): $entrypoint"
for port in "${env_values[MANAGEMENT_SERVER_PORT]:-none}" 8080; do
	[[ " ${exposed[*]} " == *" $port "* ]] || fail "port $port is not EXPOSEd (${exposed[*]})"
done
for label in title description version revision created licenses; do
	[[ "$labels" == *"org.opencontainers.image.$label="* ]] || fail "OCI label org.opencontainers.image.$label is missing"
done
[[ "$(head -n1 .dockerignore | sed 's/#.*//')" == "" && "$(grep -vE '^(#|$)' .dockerignore | head -n1)" == "*" ]] ||
	fail ".dockerignore must start from '*' (an allow-list)"
say "image rules hold: $stage_image, user $user, ports ${exposed[*]}"

# --- start the runtime stage as the image would --------------------------------------------------
mapfile -t command < <(node -e 'for (const a of JSON.parse(process.argv[1])) console.log(a)' "$entrypoint")
[[ "${command[0]}" == java ]] || fail "the entrypoint does not start java: ${command[*]}"
command[0]="$build_java_home/bin/java"
app_dir=$(in_stage .)
aot_cache=""
for word in "${command[@]}"; do
	[[ "$word" != -XX:AOTCache=* ]] || aot_cache=${word#-XX:AOTCache=}
done
[[ -s "$app_dir/$aot_cache" ]] || fail "the image has no AOT cache at $workdir/$aot_cache: the training run wrote none"
say "AOT cache: $workdir/$aot_cache, $(($(stat -c %s "$app_dir/$aot_cache") / 1048576)) MB"

# the chart's memory limit stands in for the container's (this machine sets none)
memory_limit=$(awk '/^resources:/ {r = 1} r && /^  limits:/ {l = 1} r && l && /^    memory:/ {print $2; exit}' helm/st2-chatops-gateway/values.yaml)
[[ "$memory_limit" =~ ^([0-9]+)Mi$ ]] || fail "cannot read resources.limits.memory (in Mi) from the chart's values.yaml: '$memory_limit'"
max_ram="-XX:MaxRAM=${BASH_REMATCH[1]}m"

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
server_port=$(free_port)
management_port=$(free_port)
api_token="image-steps-api-token-0123456789"
environment=(PATH=/usr/bin:/bin HOME=/tmp)
for name in "${env_names[@]}"; do
	if [[ "$name" == JAVA_TOOL_OPTIONS ]]; then
		# AOTMode=on: a cache the JVM cannot use stops it, instead of a silent slow start
		environment+=("$name=${env_values[$name]} $max_ram -XX:AOTMode=on")
	else
		environment+=("$name=${env_values[$name]}")
	fi
done
# this machine is shared: free ports instead of 8080/8081; st2 is a port nothing listens on
environment+=(SERVER_PORT="$server_port" MANAGEMENT_SERVER_PORT="$management_port"
	GATEWAY_ST2_URL=http://127.0.0.1:9 GATEWAY_ST2_API_KEY=image-steps-api-key
	GATEWAY_API_KEYS_LOAD_TOKEN="$api_token" GATEWAY_API_KEYS_LOAD_USER=load)
as_user=()
if [[ $(id -u) == 0 ]] && command -v setpriv >/dev/null; then
	as_user=(setpriv --reuid="${user%%:*}" --regid="${user##*:}" --clear-groups)
	# the modes an image's files have: readable by all, written by root only
	chmod -R a+rX,go-w "$stages"
	"${as_user[@]}" test -r "$app_dir/app.jar" ||
		fail "uid ${user%%:*} cannot read $app_dir/app.jar: a folder above it is closed to that user"
fi

fetch() { node -e '
	fetch(process.argv[1]).then(async (r) => { process.stdout.write(r.status + "\n" + await r.text()) })
		.catch(() => process.stdout.write("000\n"))' "http://127.0.0.1:$1$2"; }
status_of() { head -n1 <<<"$1"; }
# a bare HTTP/1.0 probe from bash: polling with a new node process every 100 ms would cost
# more CPU than the start-up it measures
is_live() {
	local line
	{ exec 3<>"/dev/tcp/127.0.0.1/$management_port"; } 2>/dev/null || return 1
	printf 'GET /actuator/health/liveness HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
	read -r line <&3 || true
	exec 3<&-
	[[ "$line" == *" 200"* ]]
}
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
# LOAD_SECONDS of 16 concurrent clients: the dry-run API (JSON in and out, the catalog, the
# API key check), liveness and the Prometheus scrape; bounded in time, loopback only
load() {
	node -e '
		const [port, managementPort, token, seconds] = process.argv.slice(1);
		const until = Date.now() + 1000 * Number(seconds);
		const targets = [
			() => fetch(`http://127.0.0.1:${port}/api/v1/commands/match`, { method: "POST",
				headers: { "Content-Type": "application/json", "Authorization": `Bearer ${token}` },
				body: JSON.stringify({ text: "uptime on web1,web2" }) }),
			() => fetch(`http://127.0.0.1:${managementPort}/actuator/health/liveness`),
			() => fetch(`http://127.0.0.1:${managementPort}/actuator/prometheus`),
		];
		let requests = 0;
		const client = async (i) => {
			while (Date.now() < until) {
				const response = await targets[(i + requests) % targets.length]();
				await response.arrayBuffer();
				requests++;
			}
		};
		Promise.all(Array.from({ length: 16 }, (_, i) => client(i)))
			.then(() => console.log(requests))
			.catch((e) => { console.error(String(e)); process.exit(1); });' \
		"$server_port" "$management_port" "$api_token" "$LOAD_SECONDS"
}

# start_app <name> <folder> <command...>: starts it as the image's user with the image's
# environment; sets app_pid and startup_s (launch to liveness 200)
start_app() {
	local name=$1 folder=$2
	shift 2
	say "starting $name: $* in $folder as ${user}, app port $server_port, management port $management_port"
	local launched
	launched=$(date +%s%N)
	(cd "$folder" && exec env -i "${environment[@]}" "${as_user[@]}" "$@") >"$work/$name.stdout.log" 2>"$work/$name.stderr.log" &
	app_pid=$!
	local deadline=$((SECONDS + 180))
	until is_live; do
		kill -0 "$app_pid" 2>/dev/null || {
			tail -n 30 "$work/$name.stdout.log" "$work/$name.stderr.log" >&2
			fail "$name stopped before it was live"
		}
		((SECONDS < deadline)) || fail "$name not live within 180 s"
		sleep 0.1
	done
	startup_s=$(awk -v ns=$(($(date +%s%N) - launched)) 'BEGIN {printf "%.2f", ns / 1e9}')
}
# measure <name>: idle and loaded RSS of the running app, and the figures line
measure() {
	local name=$1 idle loaded requests
	sleep 5
	idle=$(rss_mb "$app_pid")
	requests=$(load) || fail "the load on $name failed"
	loaded=$(rss_mb "$app_pid")
	say "$name served $requests requests in $LOAD_SECONDS s" >&2
	echo "$name startup_s=$startup_s idle_rss_mb=$idle loaded_rss_mb=$loaded load=\"$(uptime | sed 's/.*load average: //')\""
}

# the plain jar first, on the same JRE with the image's environment (JAVA_TOOL_OPTIONS) and
# none of the entrypoint's options
plain_jar=$(ls "${stage_dirs[build]:-${stage_dirs[0]}}"/workspace/target/st2-chatops-gateway-*.jar 2>/dev/null | grep -v plain | head -n1)
[[ -n "$plain_jar" ]] || fail "the build stage left no jar in /workspace/target"
plain_environment=()
for entry in "${environment[@]}"; do
	plain_environment+=("${entry/ -XX:AOTMode=on/}")
done
image_environment=("${environment[@]}")
environment=("${plain_environment[@]}")
start_app plain-jar "$(dirname "$plain_jar")" "$build_java_home/bin/java" -jar "$(basename "$plain_jar")"
plain_line=$(measure plain-jar)
kill -TERM "$app_pid"
wait "$app_pid" || true
app_pid=""
environment=("${image_environment[@]}")

start_app image "$app_dir" "${command[@]}"
say "live after $((SECONDS - started)) s in all"
image_line=$(measure image)

liveness=$(fetch "$management_port" /actuator/health/liveness)
[[ "$liveness" == *'"status":"UP"'* ]] || fail "liveness is not UP: $liveness"
# st2 is not in readiness: the pod becomes ready once the first catalog sync attempt has
# failed, and answers "unavailable" with the reason
until [[ "$(status_of "$(fetch "$management_port" /actuator/health/readiness)")" == 200 ]]; do
	((SECONDS < deadline)) || fail "not ready within 120 s: $(fetch "$management_port" /actuator/health/readiness)"
	sleep 1
done
health=$(fetch "$management_port" /actuator/health)
[[ "$(status_of "$health")" == 503 && "$health" == *'"status":"DOWN"'* ]] ||
	fail "health should be DOWN without st2: $health"
[[ "$(status_of "$(fetch "$server_port" /actuator/health)")" == 404 ]] || fail "actuator answers on the application port"
[[ "$(status_of "$(fetch "$management_port" /actuator/env)")" == 404 ]] || fail "/actuator/env is exposed"
metrics=$(fetch "$management_port" /actuator/prometheus)
[[ "$(status_of "$metrics")" == 200 && "$metrics" == *'jvm_info{application="st2-chatops-gateway"'* ]] ||
	fail "no Prometheus metrics: $(head -c 300 <<<"$metrics")"
info=$(fetch "$management_port" /actuator/info)
[[ "$info" == *'"build":{'*'"artifact":"st2-chatops-gateway"'* ]] || fail "no build info: $info"
if [[ -d "$root/.git" ]]; then
	[[ "$info" == *'"git":{'*'"commit":{"id":"'* ]] || fail "no git commit in the info although .git was mounted: $info"
fi
# with virtual threads Boot's task executor is a SimpleAsyncTaskExecutor: no pool
[[ "$metrics" != *'executor_pool_core_threads{application="st2-chatops-gateway",name="applicationTaskExecutor"}'* ]] ||
	fail "the task executor is a thread pool: virtual threads are off"
if [[ "$metrics" == *jvm_gc_pause_seconds_count* ]]; then
	[[ "$metrics" == *'gc="Copy"'* || "$metrics" == *'gc="MarkSweepCompact"'* ]] ||
		fail "the collector is not the serial one the image asks for: $(grep -m1 jvm_gc_pause_seconds_count <<<"$metrics")"
fi
say "virtual threads on (Java 25)"
while IFS= read -r line; do
	[[ -z "$line" ]] && continue
	node -e 'const l = JSON.parse(process.argv[1]); if (!l["@timestamp"] || !l.message) process.exit(1)' "$line" 2>/dev/null ||
		fail "a log line is not an ECS JSON object: $line"
done <"$work/image.stdout.log"
say "checked: liveness UP, readiness UP and health DOWN without st2, actuator only on the management port, metrics, info, $(grep -c . "$work/image.stdout.log") JSON log lines"

# --- graceful shutdown ---------------------------------------------------------------------------
kill -TERM "$app_pid"
deadline=$((SECONDS + 45))
while kill -0 "$app_pid" 2>/dev/null; do
	((SECONDS < deadline)) || fail "still running 45 s after SIGTERM"
	sleep 1
done
wait "$app_pid" || true
app_pid=""
grep -q 'Commencing graceful shutdown' "$work/image.stdout.log" || fail "no graceful shutdown in the log"
grep -q 'Graceful shutdown complete' "$work/image.stdout.log" || fail "the graceful shutdown did not complete"
say "stopped gracefully on SIGTERM"

# --- the figures (docs/benchmarks.md): both lines together, so that every log shows the ratio ---
echo "$image_line"
echo "$plain_line"
image_startup=$(sed -E 's/.*startup_s=([0-9.]+).*/\1/' <<<"$image_line")
plain_startup=$(sed -E 's/.*startup_s=([0-9.]+).*/\1/' <<<"$plain_line")
say "image start-up at $(awk -v a="$image_startup" -v b="$plain_startup" 'BEGIN {printf "%.0f", 100 * a / b}')% of the plain jar's (target: at most 33%, and at most 3 s on a quiet machine)"
say "passed in $((SECONDS - started)) s"
