#!/usr/bin/env bash
# Proves the Dockerfile without a Docker engine (there is none on these machines).
#
# It reads the Dockerfile and carries out its instructions on this machine: each stage gets a
# folder standing for its file system, COPY copies from the context or an earlier stage, RUN runs
# the build stage's own commands (bind mounts become links, cache mounts are the local caches,
# the JDK is the local Temurin 25 when there is one, as in the image), and the last stage's ENV,
# WORKDIR, USER and ENTRYPOINT start the application from the extracted layers. So the very
# commands of the Dockerfile run; an instruction it does not know fails the script rather than
# being skipped.
#
# Then it checks what the image promises: liveness UP with an st2 that is not there, readiness
# UP once the first catalog sync attempt has failed (st2 is not in readiness), overall health
# DOWN for that reason, actuator only on the management port, Prometheus metrics, build and git
# info, JSON logs, virtual threads on a JRE 21+, and a graceful shutdown on SIGTERM. It also lints
# the Dockerfile with dockerfile-utils (npm) and checks the image's rules: a JRE 25 base, a numeric
# non-root user, an exec-form entrypoint, a container-sized heap, OCI labels, an allow-list
# .dockerignore.
#
# Usage: bash .ci/image-steps.sh   (IMAGE_STEPS_SKIP_LINT=1 skips the npm linter when offline)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work="$root/target/image-steps"
started=$SECONDS

say() { echo "image-steps: $*"; }
fail() {
	echo "image-steps: FAILED: $*" >&2
	exit 1
}

app_pid=""
cleanup() {
	if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
		kill -KILL "$app_pid" 2>/dev/null || true
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

build_java_home=""
for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk /usr/lib/jvm/temurin-25*; do
	if [[ -x "$candidate/bin/java" ]]; then
		build_java_home=$candidate
		break
	fi
done
if [[ -n "$build_java_home" ]]; then
	say "JDK and JRE of the image: $build_java_home"
else
	build_java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
	say "no Temurin 25 here: using $build_java_home for the build and the run"
fi

rm -rf "$work"
mkdir -p "$work"

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
	[[ "$stage_image" != *jre* ]] || fail "RUN in the runtime stage is not understood by this script: keep the runtime stage free of RUN"
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
	(cd "$(in_stage .)" && JAVA_HOME="$build_java_home" PATH="$build_java_home/bin:$PATH" bash -euo pipefail -c "$command") ||
		fail "RUN failed: $command"
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
		stage_dir="$work/stage-$stage_count"
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
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
server_port=$(free_port)
management_port=$(free_port)
environment=(PATH=/usr/bin:/bin HOME=/tmp)
for name in "${env_names[@]}"; do
	environment+=("$name=${env_values[$name]}")
done
# this machine is shared: free ports instead of 8080/8081; st2 is a port nothing listens on
environment+=(SERVER_PORT="$server_port" MANAGEMENT_SERVER_PORT="$management_port"
	GATEWAY_ST2_URL=http://127.0.0.1:9 GATEWAY_ST2_API_KEY=image-steps-api-key)
as_user=()
if [[ $(id -u) == 0 ]] && command -v setpriv >/dev/null; then
	as_user=(setpriv --reuid="${user%%:*}" --regid="${user##*:}" --clear-groups)
	chmod -R go-w "$stage_dir"
fi
app_dir=$(in_stage .)
say "starting ${command[*]} in ${app_dir#"$root"/} as ${user}, app port $server_port, management port $management_port"
(cd "$app_dir" && exec env -i "${environment[@]}" "${as_user[@]}" "${command[@]}") >"$work/stdout.log" 2>"$work/stderr.log" &
app_pid=$!

fetch() { node -e '
	fetch(process.argv[1]).then(async (r) => { process.stdout.write(r.status + "\n" + await r.text()) })
		.catch(() => process.stdout.write("000\n"))' "http://127.0.0.1:$1$2"; }
status_of() { head -n1 <<<"$1"; }

deadline=$((SECONDS + 120))
until [[ "$(status_of "$(fetch "$management_port" /actuator/health/liveness)")" == 200 ]]; do
	kill -0 "$app_pid" 2>/dev/null || {
		tail -n 30 "$work/stdout.log" "$work/stderr.log" >&2
		fail "the application stopped before it was live"
	}
	((SECONDS < deadline)) || fail "not live within 120 s"
	sleep 1
done
say "live after $((SECONDS - started)) s in all"

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
java_version=$("$build_java_home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if ((java_version >= 21)); then
	# with virtual threads Boot's task executor is a SimpleAsyncTaskExecutor: no pool
	[[ "$metrics" != *'executor_pool_core_threads{application="st2-chatops-gateway",name="applicationTaskExecutor"}'* ]] ||
		fail "the task executor is a thread pool: virtual threads are off on Java $java_version"
	say "virtual threads on (Java $java_version)"
fi
while IFS= read -r line; do
	[[ -z "$line" ]] && continue
	node -e 'const l = JSON.parse(process.argv[1]); if (!l["@timestamp"] || !l.message) process.exit(1)' "$line" 2>/dev/null ||
		fail "a log line is not an ECS JSON object: $line"
done <"$work/stdout.log"
say "checked: liveness UP, readiness UP and health DOWN without st2, actuator only on the management port, metrics, info, $(grep -c . "$work/stdout.log") JSON log lines"

# --- graceful shutdown ---------------------------------------------------------------------------
kill -TERM "$app_pid"
deadline=$((SECONDS + 45))
while kill -0 "$app_pid" 2>/dev/null; do
	((SECONDS < deadline)) || fail "still running 45 s after SIGTERM"
	sleep 1
done
wait "$app_pid" || true
app_pid=""
grep -q 'Commencing graceful shutdown' "$work/stdout.log" || fail "no graceful shutdown in the log"
grep -q 'Graceful shutdown complete' "$work/stdout.log" || fail "the graceful shutdown did not complete"
say "stopped gracefully on SIGTERM"
say "passed in $((SECONDS - started)) s"
