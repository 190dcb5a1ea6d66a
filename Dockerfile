# syntax=docker/dockerfile:1
# st2-chatops-gateway image: built with the Maven wrapper on a JDK, run on a current JRE
# (25: real virtual threads for spring.threads.virtual.enabled, set in application.yaml).
#
#   docker build -t st2-chatops-gateway --build-arg VERSION=0.1.0 --build-arg REVISION=$(git rev-parse HEAD) .
#
# .ci/image-steps.sh runs this file's build and extract steps without Docker, starts the
# extracted layout and checks its health, and lints this file: keep the steps in the forms
# it understands (see that script).

ARG JDK_IMAGE=eclipse-temurin:25-jdk
ARG JRE_IMAGE=eclipse-temurin:25-jre

FROM ${JDK_IMAGE} AS build
WORKDIR /workspace
COPY --chmod=0755 mvnw ./
COPY .mvn .mvn
COPY pom.xml ./
COPY src/main src/main
# .git is mounted, never copied into a layer, only so that /actuator/info can show the
# commit; a git worktree's .git (a file pointing outside the context) gives no git information.
# The layered extraction keeps dependencies (rarely changing) apart from the application.
RUN --mount=type=cache,target=/root/.m2 --mount=type=bind,source=.git,target=.git \
	if [ -d .git ]; then git_info=""; else git_info="-Dmaven.gitcommitid.skip=true"; fi \
	&& ./mvnw -B -ntp -q package -Dmaven.test.skip=true -Dassembly.skipAssembly=true $git_info \
	&& java -Djarmode=tools -jar target/st2-chatops-gateway-*.jar extract --layers --destination target/extracted --application-filename app.jar

FROM ${JRE_IMAGE}
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="st2-chatops-gateway" \
	org.opencontainers.image.description="Runs StackStorm action-aliases from chat and relays their results back to the same chat" \
	org.opencontainers.image.licenses="Apache-2.0" \
	org.opencontainers.image.version="${VERSION}" \
	org.opencontainers.image.revision="${REVISION}" \
	org.opencontainers.image.created="${CREATED}" \
	org.opencontainers.image.base.name="eclipse-temurin:25-jre"
WORKDIR /app
# one layer each, least changing first: a code change rebuilds only the last one
COPY --from=build /workspace/target/extracted/dependencies/ ./
COPY --from=build /workspace/target/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/target/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/target/extracted/application/ ./
# Memory for a container (docs/operations.md, "Memory"): the heap is 60% of the memory limit
# (the rest: metaspace, code cache, the AOT cache's mapped classes, thread stacks, malloc);
# the serial collector, the cheapest one for a heap of a few hundred MB on one or two cores
# (the JVM would pick it below 2 CPUs or 1792 MB anyway; saying it keeps every pod on the
# same collector); compact object headers (JDK 25, JEP 519) shrink every object by 4 bytes;
# default thread stacks (request handlers are virtual threads, whose stacks live on the
# heap); two malloc arenas instead of eight per core.
# These options are read by the training run below too: the AOT cache is only used by a JVM
# with the same object layout (compact headers on), so change them here, not only in the chart.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+UseSerialGC -XX:+UseCompactObjectHeaders -XX:+ExitOnOutOfMemoryError" \
	MALLOC_ARENA_MAX=2 \
	MANAGEMENT_SERVER_PORT=8081 \
	LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs
# Start-up (docs/operations.md, "Start-up"): the AOT cache (JDK 25: JEP 483 classes loaded
# and linked, JEP 514 in one step, JEP 515 method profiles), trained on this very jar and JRE.
# The training run starts the gateway on free ports with an st2 that is not there, waits until
# it is ready, sends it the requests a new pod serves first (probes, Prometheus scrape, REST
# API) and stops it; the JVM then writes what it loaded to app.aot, which the entrypoint maps.
# A training run that fails (the gateway not live and ready) fails the build.
# -XX:TieredStopAtLevel=1, here and in the entrypoint: the client compiler (C1) only. On one
# or two CPUs the server compiler (C2) takes as much CPU as the start-up itself; the gateway
# waits on the network, and C1's code matches a line in microseconds. C1 alone would get a
# 48 MB code cache, and the JVM collects the heap each time code grows by 15% of it: 240m.
RUN java -XX:AOTCacheOutput=app.aot -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=240m \
	-Dgateway.st2.url=http://127.0.0.1:9 -Dgateway.st2.api-key=aot-training-only \
	-cp app.jar io.github.st2chatops.gateway.AotTrainingRun
# any numeric non-root user works: the files above belong to root and are only read,
# and the only place written is java.io.tmpdir (/tmp: an emptyDir in the Helm chart)
USER 10001:10001
# 8080: webhooks and the REST API; 8081: actuator (health probes, prometheus, info)
EXPOSE 8080 8081
# JSON logs (ECS) for the log collector; every setting can be overridden with the same
# variables (docs/operations.md).
# No HEALTHCHECK: Kubernetes probes /actuator/health/{liveness,readiness} on 8081, and the
# JRE image has no curl.
ENTRYPOINT ["java", "-XX:AOTCache=app.aot", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=240m", "-jar", "app.jar"]
