#!/usr/bin/env bash
# Load benchmark of the gateway on loopback: starts the jar against a fast st2 stub (WireMock
# standalone from ~/.m2, also the generic chat platform's callback) and drives it with wrk.
# Bounded: DURATION seconds per run, three runs, at most REQUESTS pre-signed generic webhooks,
# then ACKS webhooks one at a time (webhook-to-ack latency) and a burst of BURST relayed
# notifications. See docs/benchmarks.md.
#
# The JVM: JAVA (default: a JDK 25 under /usr/lib/jvm when there is one, else java on the PATH)
# with the image's JAVA_TOOL_OPTIONS (read from the Dockerfile) and the chart's memory limit
# as -XX:MaxRAM, so that the RSS figures are the image's (JVM_OPTIONS replaces those, empty for
# the JVM's defaults); JAVA_OPTS adds options.
set -euo pipefail

cd "$(dirname "$0")/.."
DURATION="${DURATION:-10}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-16}"
REQUESTS="${REQUESTS:-60000}"
ACKS="${ACKS:-300}"
BURST="${BURST:-1000}"
RELAY_TOKEN="bench-relay-token-0123456789"
WIREMOCK_JAR="${WIREMOCK_JAR:-$HOME/.m2/repository/org/wiremock/wiremock-standalone/3.13.2/wiremock-standalone-3.13.2.jar}"
SECRET="bench-generic-secret-0123456789"
API_TOKEN="bench-api-token-0123456789"
WORK="$(mktemp -d)"
PIDS=()

cleanup() {
	for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
command -v python3 >/dev/null || { echo "python3 is needed to sign the generic webhooks" >&2; exit 1; }
[ -f "$WIREMOCK_JAR" ] || ./mvnw -B -q dependency:get -Dartifact=org.wiremock:wiremock-standalone:3.13.2
JAR="$(ls target/st2-chatops-gateway-*.jar 2>/dev/null | grep -v plain | head -1 || true)"
if [ -z "$JAR" ]; then
	./mvnw -B -o -q -DskipTests package
	JAR="$(ls target/st2-chatops-gateway-*.jar | grep -v plain | head -1)"
fi

if [ -z "${JAVA:-}" ]; then
	JAVA=java
	for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25-openjdk*; do
		[ -x "$candidate/bin/java" ] && JAVA="$candidate/bin/java" && break
	done
fi
# JVM_OPTIONS= (empty) runs with the JVM's defaults instead, as this script did before
if [ -z "${JVM_OPTIONS+set}" ]; then
	MEMORY_LIMIT="$(awk '/^resources:/ {r = 1} r && /^  limits:/ {l = 1} r && l && /^    memory:/ {sub(/Mi$/, "", $2); print $2; exit}' helm/st2-chatops-gateway/values.yaml)"
	JVM_OPTIONS="$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\([^"]*\)".*/\1/p' Dockerfile) -XX:MaxRAM=${MEMORY_LIMIT}m"
	export MALLOC_ARENA_MAX=2
fi
echo "jvm: $JAVA, JAVA_TOOL_OPTIONS=$JVM_OPTIONS ${JAVA_OPTS:-}"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 1 600); do curl -fs -o /dev/null "$1" && return 0; sleep 0.1; done; echo "$1 did not come up" >&2; exit 1; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

# the st2 stub: the alias list, executions accepted at once, and the generic callback
ST2_PORT="$(free_port)"
mkdir -p "$WORK/stub/mappings"
cp src/test/resources/command/aliases.json "$WORK/stub/aliases.json"
python3 - "$WORK/stub" <<'PY'
import json, sys, os
root = sys.argv[1]
aliases = json.load(open(os.path.join(root, "aliases.json")))
mappings = [
    {"request": {"method": "GET", "urlPath": "/api/v1/actionalias"},
     "response": {"status": 200, "jsonBody": aliases,
                  "headers": {"Content-Type": "application/json", "X-Total-Count": str(len(aliases))}}},
    {"request": {"method": "POST", "url": "/api/v1/aliasexecution"},
     "response": {"status": 201, "headers": {"Content-Type": "application/json"},
                  "jsonBody": {"execution": {"id": "5f1a7e2b9c1d4a0001e0e001", "status": "requested",
                                             "action": {"ref": "core.local"}, "parameters": {}, "context": {}},
                               "actionalias": {"name": "uptime", "pack": "linux"}, "message": "Started"}}},
    {"request": {"method": "POST", "url": "/callback"}, "response": {"status": 200}},
]
json.dump({"mappings": mappings}, open(os.path.join(root, "mappings", "bench.json"), "w"))
PY
java -Xmx512m -jar "$WIREMOCK_JAR" --bind-address 127.0.0.1 --port "$ST2_PORT" --root-dir "$WORK/stub" \
	--disable-banner --max-request-journal-entries 200000 --async-response-enabled true --container-threads 50 >"$WORK/stub.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$ST2_PORT/__admin/mappings"

# the gateway
PORT="$(free_port)"
started_ms=$(date +%s%3N)
GATEWAY_ST2_URL="http://127.0.0.1:$ST2_PORT" GATEWAY_ST2_API_KEY="bench-st2-key" \
	GATEWAY_API_KEYS_BENCH_TOKEN="$API_TOKEN" GATEWAY_API_KEYS_BENCH_USER="bench" \
	GATEWAY_CHAT_GENERIC_SECRET="$SECRET" GATEWAY_CHAT_GENERIC_CALLBACK_URL="http://127.0.0.1:$ST2_PORT/callback" \
	GATEWAY_RELAY_TOKEN="$RELAY_TOKEN" \
	GATEWAY_RATE_LIMIT_ENABLED=false LOGGING_LEVEL_ROOT=WARN SERVER_PORT="$PORT" \
	JAVA_TOOL_OPTIONS="$JVM_OPTIONS" \
	"$JAVA" ${JAVA_OPTS:-} -jar "$JAR" >"$WORK/gateway.log" 2>&1 &
GATEWAY=$!
PIDS+=($GATEWAY)
wait_for "http://127.0.0.1:$PORT/actuator/health/liveness"
ready_ms=$(date +%s%3N)
sleep 2
idle_rss=$(rss_mb "$GATEWAY")
BASE="http://127.0.0.1:$PORT"

# wrk scripts: the dry run, and pre-signed generic webhooks (each body unique: a replay is refused)
cat >"$WORK/match.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"text": "uptime on web1,web2"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $API_TOKEN"
LUA
python3 - "$WORK/generic.txt" "$SECRET" "$REQUESTS" <<'PY'
import hashlib, hmac, json, sys, time
path, secret, count = sys.argv[1], sys.argv[2].encode(), int(sys.argv[3])
ts = str(int(time.time()))
with open(path, "w") as out:
    for i in range(count):
        body = json.dumps({"text": "uptime on web1", "user": "bench", "channel": "load", "thread": "t%d" % i})
        sig = "sha256=" + hmac.new(secret, (ts + "." + body).encode(), hashlib.sha256).hexdigest()
        out.write("%s\t%s\t%s\n" % (ts, sig, body))
PY
# each thread sends its own share of the pre-signed requests, each once (a replay would be refused)
cat >"$WORK/generic.lua" <<LUA
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end
function init(args)
  requests = {}
  local n = 0
  for line in io.lines("$WORK/generic.txt") do
    if n % $THREADS == id then
      local ts, sig, body = line:match("([^\t]+)\t([^\t]+)\t(.*)")
      requests[#requests + 1] = wrk.format("POST", "/chat/generic", {["Content-Type"] = "application/json",
        ["X-Gateway-Timestamp"] = ts, ["X-Gateway-Signature"] = sig}, body)
    end
    n = n + 1
  end
  i = 0
end
request = function()
  i = i + 1
  if i > #requests then
    -- all pre-signed requests sent: wrk stops at DURATION; the replays are counted as non-2xx
    i = 1
  end
  return requests[i]
end
LUA

run() {
	local name="$1"; shift
	local out
	out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@")
	local rps p50 p99 bad
	rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
	p50=$(awk '$1=="50%" {print $2}' <<<"$out")
	p99=$(awk '$1=="99%" {print $2}' <<<"$out")
	bad=$(awk '/Non-2xx/ {print $5}' <<<"$out")
	total=$(awk '/requests in/ {print $1}' <<<"$out")
	printf '%-16s requests/s=%-10s p50=%-9s p99=%-9s requests=%-8s non-2xx=%s\n' "$name" "$rps" "$p50" "$p99" "$total" "${bad:-0}"
	echo "$rps" >"$WORK/$name.rps"
}

echo "gateway ready (liveness answers) in $((ready_ms - started_ms)) ms"
# warm-up (JIT), not reported
wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "$BASE/actuator/health/liveness" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -s "$WORK/match.lua" "$BASE/api/v1/commands/match" >/dev/null
run bare-get "$BASE/actuator/health/liveness"
run dry-run -s "$WORK/match.lua" "$BASE/api/v1/commands/match"
run generic-webhook -s "$WORK/generic.lua" "$BASE/chat/generic"
loaded_rss=$(rss_mb "$GATEWAY")
count_executions() {
	curl -fs -X POST -H 'Content-Type: application/json' -d '{"method": "POST", "url": "/api/v1/aliasexecution"}' \
	"http://127.0.0.1:$ST2_PORT/__admin/requests/count" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])' 2>/dev/null || echo 0
}
# the webhooks were answered 202 at once; their executions drain in the background
executions=$(count_executions)
for _ in $(seq 1 60); do
	sleep 1
	now=$(count_executions)
	[ "$now" = "$executions" ] && break
	executions=$now
done
echo "executions reaching the st2 stub: $executions"

# webhook-to-ack: ACKS signed webhooks, one at a time, each timed from just before it is sent
# to the moment the st2 stub, standing in for the chat, logs the ack the gateway posts back
curl -fs -X DELETE "http://127.0.0.1:$ST2_PORT/__admin/requests" >/dev/null
python3 - "$BASE" "$ST2_PORT" "$SECRET" "$ACKS" <<'PY'
import hashlib, hmac, json, sys, time, urllib.request
base, stub, secret, count = sys.argv[1], sys.argv[2], sys.argv[3].encode(), int(sys.argv[4])
sent = {}
for i in range(count):
    body = json.dumps({"text": "uptime on web1", "user": "bench", "channel": "acks", "thread": "ack-%d" % i}).encode()
    ts = str(int(time.time()))
    sig = "sha256=" + hmac.new(secret, ts.encode() + b"." + body, hashlib.sha256).hexdigest()
    request = urllib.request.Request(base + "/chat/generic", data=body, method="POST", headers={
        "Content-Type": "application/json", "X-Gateway-Timestamp": ts, "X-Gateway-Signature": sig})
    sent["ack-%d" % i] = time.time()
    urllib.request.urlopen(request).read()
acked = {}
deadline = time.time() + 60
while len(acked) < count and time.time() < deadline:
    time.sleep(0.5)
    find = urllib.request.Request("http://127.0.0.1:%s/__admin/requests/find" % stub, method="POST",
        data=json.dumps({"method": "POST", "url": "/callback"}).encode(), headers={"Content-Type": "application/json"})
    for logged in json.load(urllib.request.urlopen(find))["requests"]:
        thread = json.loads(logged["body"]).get("thread")
        at = logged["loggedDate"] / 1000.0
        if thread in sent and (thread not in acked or at < acked[thread]):
            acked[thread] = at
latencies = sorted(1000 * (acked[t] - sent[t]) for t in acked)
if not latencies:
    print("webhook-to-ack   no ack arrived within 60 s")
    sys.exit(1)
pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
print("webhook-to-ack   p50=%.1fms p99=%.1fms acks=%d/%d" % (pick(0.50), pick(0.99), len(latencies), count))
PY

# relay burst: BURST notifications pushed at once (16 at a time) for the generic chat; each
# carries its number, the stub counts what arrived: all delivered, none twice
curl -fs -X DELETE "http://127.0.0.1:$ST2_PORT/__admin/requests" >/dev/null
python3 - "$BASE" "$ST2_PORT" "$RELAY_TOKEN" "$BURST" <<'PY'
import json, sys, time, urllib.request, urllib.error, collections
from concurrent.futures import ThreadPoolExecutor
base, stub, token, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def push(i):
    body = json.dumps({"message": "burst-%d done" % i, "channel": "generic:burst", "user": "bench"}).encode()
    request = urllib.request.Request(base + "/api/v1/st2/notifications", data=body, method="POST", headers={
        "Content-Type": "application/json", "Authorization": "Bearer " + token})
    for attempt in range(5):
        try:
            return urllib.request.urlopen(request).status
        except urllib.error.HTTPError as e:
            if e.code != 503:
                return e.code
            time.sleep(1)  # as st2's retry would
    return 503
started = time.time()
with ThreadPoolExecutor(16) as pool:
    statuses = collections.Counter(pool.map(push, range(count)))
find = urllib.request.Request("http://127.0.0.1:%s/__admin/requests/find" % stub, method="POST",
    data=json.dumps({"method": "POST", "url": "/callback"}).encode(), headers={"Content-Type": "application/json"})
seen = collections.Counter()
for logged in json.load(urllib.request.urlopen(find))["requests"]:
    text = json.loads(logged["body"]).get("text", "")
    if text.startswith("burst-"):
        seen[text] += 1
elapsed = time.time() - started
doubled = sum(1 for n in seen.values() if n > 1)
print("relay-burst      notifications=%d delivered=%d lost=%d doubled=%d seconds=%.2f per_s=%.0f answers=%s" % (
    count, len(seen), count - len(seen), doubled, elapsed, len(seen) / elapsed, dict(statuses)))
PY
final_rss=$(rss_mb "$GATEWAY")
echo "rss idle=${idle_rss}MB loaded=${loaded_rss}MB after-acks-and-burst=${final_rss}MB"
python3 -c "print('dry run at %.0f%% of the ceiling' % (100 * float(open('$WORK/dry-run.rps').read()) / float(open('$WORK/bare-get.rps').read())))"
