#!/usr/bin/env bash
# `make demo`: one pass of the daemon over the bundled demo pages (Config/demo/pages,
# read through file: URLs), then the figures, series and alerts it found.
set -euo pipefail
figwatch=${1:?usage: run-demo.sh PATH/TO/figwatch}
here=$(cd "$(dirname "$0")/.." && pwd)
config="$here/demo.yaml"
export FIGWATCH_CONFIG="$config"

step() { printf '\n\033[1m== %s\033[0m\n$ %s\n' "$1" "$2"; }

step "The article text of a GBK page (navigation and related links dropped)" \
     "figwatch text Config/demo/pages/alibaba.zh-Hans.gbk.html"
"$figwatch" text "$here/demo/pages/alibaba.zh-Hans.gbk.html"

step "Figures in every demo page" "figwatch extract --format table Config/demo/pages/*.html"
"$figwatch" extract --format table "$here"/demo/pages/*.html
