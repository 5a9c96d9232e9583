# Sourced by the benchmark scripts (from the repository root): builds the benchmarks module once and sets CP to its
# runtime classpath; bench_java MAIN [ARGS] runs one harness on it.
mvn -B -q -pl benchmarks -am package -DskipTests -Dcheckstyle.skip \
    dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"

bench_java() {
    main=$1
    shift
    java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" "io.coremonitor.benchmarks.$main" "$@"
}
