# Build: docker build -t meridian .   Run: docker run -p 8080:8080 -p 4317:4317 -p 4318:4318 -v meridian-data:/data meridian
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:25-jre
WORKDIR /app
COPY --from=build /src/target/meridian.jar /app/meridian.jar
ENV MERIDIAN_DATA_DIR=/data
VOLUME /data
EXPOSE 8080 4317 4318
# 32 MB G1 regions: H2's chunk buffers (up to ~15 MB) stay young instead of humongous (README, Running)
ENTRYPOINT ["java", "-XX:G1HeapRegionSize=32m", "-jar", "/app/meridian.jar"]
