#!/bin/sh
# Managed database benchmark (not a test): time to a ready managed PostgreSQL through Core Monitor beside docker-java
# create + start + a login loop; medians of several rounds after a warm-up. Usage: benchmarks/database.sh [rounds (5)]
set -eu
cd "$(dirname "$0")/.."
. benchmarks/lib.sh
bench_java DatabaseBenchmark "$@"
