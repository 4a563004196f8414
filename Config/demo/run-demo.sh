#!/usr/bin/env bash
# `make demo`: one pass of the daemon over the bundled demo pages (Config/demo/pages,
# read through file: URLs, in GBK, Big5 and UTF-8), then the figures, the series and
# the alerts it found. The demo store is made afresh each time.
set -euo pipefail
figwatch=${1:?usage: run-demo.sh PATH/TO/figwatch}
here=$(cd "$(dirname "$0")/.." && pwd)
export FIGWATCH_CONFIG="$here/demo.yaml"
rm -rf "$here/../.build/demo"

step() { printf '\n\033[1m== %s\033[0m\n$ %s\n' "$1" "$2"; }

step "The configuration: entities, sources (file: URLs) and alert rules" "figwatch check-config"
"$figwatch" check-config

step "The article text of a GBK page: navigation, footer and related links dropped" \
     "figwatch text Config/demo/pages/alibaba.zh-Hans.gbk.html"
"$figwatch" text "$here/demo/pages/alibaba.zh-Hans.gbk.html"

step "The figures in every demo page" "figwatch extract --format table Config/demo/pages/*.html"
"$figwatch" extract --format table "$here"/demo/pages/*.html

step "The daemon, once over every source: figures stored, alert rules evaluated" "figwatch run --once"
"$figwatch" run --once

step "Alibaba's market-cap series, as stored" "figwatch series alibaba market_cap"
"$figwatch" series alibaba market_cap

step "The alerts that fired" "figwatch alerts"
"$figwatch" alerts

printf '\nThe demo store is %s; try figwatch series tsmc, figwatch sources, or\n' "$here/../.build/demo/figwatch-demo.sqlite"
printf 'figwatch plot alibaba market_cap --output alibaba.svg (with FIGWATCH_CONFIG=%s).\n' "$FIGWATCH_CONFIG"
