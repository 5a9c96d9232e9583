#!/bin/sh
# Deploy benchmark (not a test, issue 13): a WAR deployed into a Tomcat container by Core Monitor's DEPLOY_ARTIFACT
# command beside the bare docker-java floor in the same container; medians of several rounds after a warm-up.
# Needs tomcat:latest (scripts/test-images.sh --all). Usage: benchmarks/deploy.sh [megabytes (50)] [rounds (10)]
set -eu
cd "$(dirname "$0")/.."
. benchmarks/lib.sh
bench_java DeployBenchmark "$@"
