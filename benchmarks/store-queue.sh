#!/bin/sh
# Store queue benchmark (not a test): commands/s through enqueue -> RUNNING -> DONE on a SQLite file, beside a plain
# JDBC loop on the same kind of file. Usage: benchmarks/store-queue.sh [commands per round (20000)] [rounds (3)]
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -pl benchmarks -am package -DskipTests -Dcheckstyle.skip \
    dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    io.coremonitor.benchmarks.StoreQueueBenchmark "$@"
