# migration-review as a GitHub App server.
#   docker build -t migration-review .
#   docker run -p 3000:3000 -v mr-data:/data \
#     -e GITHUB_APP_ID=... -e GITHUB_PRIVATE_KEY_FILE=/run/secrets/app-key.pem -e WEBHOOK_SECRET=... \
#     -e MIGRATION_REVIEW_PUBLIC_URL=https://review.example.com migration-review
# Without App credentials it starts in local mode; open /setup to register the App.

FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /build
COPY pom.xml app-manifest.yml ./
RUN mvn -B -ntp -q dependency:go-offline
COPY src ./src
RUN mvn -B -ntp -q -DskipTests package

FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 migration-review \
 && useradd --system --uid 10001 --gid migration-review --home-dir /app --shell /usr/sbin/nologin migration-review \
 && mkdir -p /app /data \
 && chown migration-review:migration-review /data
COPY --from=build /build/target/migration-review.jar /app/migration-review.jar
USER 10001:10001
WORKDIR /data
ENV PORT=3000 \
    MIGRATION_REVIEW_DATA=/data
EXPOSE 3000
VOLUME /data
# bash's /dev/tcp needs no extra package in the image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT} && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# A class-data archive written on the first run makes later starts faster. The bot mostly waits
# for GitHub: the C1 compiler alone reviews as fast here (bench/app.sh) and starts sooner, and the
# serial collector with a heap that starts small and gives memory back keeps an idle bot small.
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xms16m", \
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:MaxRAMPercentage=75", \
            "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=/data/migration-review.jsa", \
            "-jar", "/app/migration-review.jar", "serve"]
