#!/bin/sh
# Apply benchmark (not a test): N independent services applied by Core Monitor beside docker-compose up -d;
# medians of several rounds after a warm-up. Usage: benchmarks/apply.sh [services (20)] [rounds (5)]
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -pl benchmarks -am package -DskipTests -Dcheckstyle.skip \
    dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    io.coremonitor.benchmarks.ApplyBenchmark "$@"
