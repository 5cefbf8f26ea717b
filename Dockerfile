# syntax=docker/dockerfile:1
# Vangnet: one image for every node role. The role comes from the settings (environment variables VANGNET_*,
# see README "Configuration"): an admin node (admin.enabled=true, proxy.enabled=false), a proxy node
# (proxy.enabled=true, admin.enabled=false) or all-in-one (the defaults). docker-compose.yml shows the split setup.
# No secret is baked in: passwords and tokens come from the environment at run time.
#   docker build -t vangnet .
#   docker run --rm -p 3128:3128 -p 8080:8080 -v vangnet-data:/var/lib/vangnet vangnet

ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

# --- build stage: Maven + JDK 17, builds app/target/vangnet.jar (tests run in CI, not here) ---
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY pom.xml ./
COPY config/pom.xml config/pom.xml
COPY proxy/pom.xml proxy/pom.xml
COPY admin-api/pom.xml admin-api/pom.xml
COPY app/pom.xml app/pom.xml
COPY benchmarks/pom.xml benchmarks/pom.xml
COPY config/src config/src
COPY proxy/src proxy/src
COPY admin-api/src admin-api/src
COPY app/src app/src
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -pl app -am package \
    && cp app/target/vangnet.jar /vangnet.jar

# --- runtime stage: JRE 17 only ---
FROM ${RUNTIME_IMAGE}
# curl for the health check only
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 vangnet \
    && useradd --system --uid 10001 --gid vangnet --home-dir /var/lib/vangnet --no-create-home \
       --shell /usr/sbin/nologin vangnet \
    && install -d -o vangnet -g vangnet -m 0750 /var/lib/vangnet
COPY --from=build /vangnet.jar /opt/vangnet/vangnet.jar
COPY config/vangnet.properties /opt/vangnet/config/vangnet.properties
COPY config/firewall /opt/vangnet/config/firewall
COPY deploy/docker/healthcheck.sh /usr/local/bin/vangnet-healthcheck
RUN chmod 0755 /usr/local/bin/vangnet-healthcheck

# Everything the node writes lives in the data volume; the rest of the image is read-only to the node.
ENV VANGNET_STORE_H2_PATH=/var/lib/vangnet/vangnet \
    VANGNET_ADMIN_TLS_DIR=/var/lib/vangnet/admin-tls \
    VANGNET_TRANSPARENT_CA_DIR=/var/lib/vangnet/ca \
    VANGNET_FIREWALL_DOH_ENDPOINTS=/opt/vangnet/config/firewall/doh-endpoints.txt \
    VANGNET_PROXY_BIND=0.0.0.0:3128 \
    VANGNET_ADMIN_BIND=0.0.0.0:8080 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
VOLUME ["/var/lib/vangnet"]
WORKDIR /var/lib/vangnet
USER vangnet:vangnet
EXPOSE 3128 8080 9100
# The health URL follows the role (admin /health, proxy node metrics listener /health or /proxy.pac);
# see deploy/docker/healthcheck.sh. VANGNET_HEALTH_URL overrides it.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["/usr/local/bin/vangnet-healthcheck"]
ENTRYPOINT ["java", "-jar", "/opt/vangnet/vangnet.jar"]
CMD ["run"]
