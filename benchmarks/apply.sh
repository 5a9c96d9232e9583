#!/bin/sh
# Apply benchmark (not a test): N independent services applied by Core Monitor beside docker-compose up -d;
# medians of several rounds after a warm-up. Usage: benchmarks/apply.sh [services (20)] [rounds (5)]
set -eu
cd "$(dirname "$0")/.."
. benchmarks/lib.sh
bench_java ApplyBenchmark "$@"
