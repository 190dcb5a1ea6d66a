# syntax=docker/dockerfile:1
# Build: the Maven wrapper on a JDK image; run: a current JRE with virtual threads.

FROM eclipse-temurin:25-jdk AS build
WORKDIR /workspace
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY src src
RUN ./mvnw -B -ntp -q package -DskipTests \
	&& java -Djarmode=tools -jar target/st2-chatops-gateway-*.jar extract --layers --launcher --destination target/extracted

FROM eclipse-temurin:25-jre
LABEL org.opencontainers.image.title="st2-chatops-gateway" \
	org.opencontainers.image.description="Runs StackStorm action-aliases from chat and relays their results back" \
	org.opencontainers.image.licenses="Apache-2.0"
WORKDIR /app
COPY --from=build /workspace/target/extracted/dependencies/ ./
COPY --from=build /workspace/target/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/target/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/target/extracted/application/ ./
USER 10001:10001
EXPOSE 8080
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
	SPRING_THREADS_VIRTUAL_ENABLED=true
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
