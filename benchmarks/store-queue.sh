#!/bin/sh
# Store queue benchmark (not a test): commands/s through enqueue -> RUNNING -> DONE on a SQLite file, beside a plain
# JDBC loop on the same kind of file. Usage: benchmarks/store-queue.sh [commands per round (20000)] [rounds (3)]
set -eu
cd "$(dirname "$0")/.."
. benchmarks/lib.sh
bench_java StoreQueueBenchmark "$@"
