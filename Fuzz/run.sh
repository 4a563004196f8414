#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs each for a while.
#   Fuzz/run.sh [SECONDS] [TARGET...]     targets: extract amount text feed config (default: all)
# SwiftPM renames an executable's main, which breaks libFuzzer's own, so the stages are
# built instrumented by SwiftPM (.build-fuzz) and each target is linked here with swiftc.
# Seeds: the repository's fixtures, and ../shared/corpus when it is there. A crash leaves
# its input in .build-fuzz/crashes/TARGET/: keep it in Tests/Fixtures/fuzz/TARGET/ once fixed,
# where a test replays it. An input slower than 20 s (ASan, no optimisation) is a timeout, and fails
# the run like a crash; slower inputs under that are not reported (a loaded machine makes them).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}; shift || true
targets=${*:-extract amount text feed config}
scratch=.build-fuzz
build=$scratch/debug
flags=(-Xswiftc -sanitize=fuzzer,address)

for module in FigwatchExtract FigwatchText FigwatchConfig; do
  swift build --scratch-path "$scratch" "${flags[@]}" --target "$module" 2>&1 | grep -E "error|warning: " || true
done
objects() { for m in "$@"; do find "$build/$m.build" -name '*.o'; done; }
yams=$(find "$scratch/checkouts/Yams/Sources/CYaml" -name include -type d | head -1)
common=(-sanitize=fuzzer,address -parse-as-library -g -I "$build/Modules" -I Sources/CLibXML2 -I /usr/include/libxml2 -I "$yams")

link() {  # link TARGET SOURCE MODULES...
  local target=$1 source=$2; shift 2
  rm -f "$build/fuzz-$target"
  swiftc "${common[@]}" "$source" $(objects "$@") -lxml2 -o "$build/fuzz-$target" 2>&1 | grep -v "ld.gold: warning" || true
}

corpus=../shared/corpus
for target in $targets; do
  seeds=$scratch/seeds/$target; crashes=$scratch/crashes/$target
  rm -rf "$crashes"
  mkdir -p "$seeds" "$crashes"
  case $target in
    extract) link extract Fuzz/FuzzExtract.swift FigwatchExtract FigwatchCore
             cp Tests/Fixtures/extract/*.txt "$seeds/" 2>/dev/null || true
             [ -d $corpus ] && cp $corpus/seed/*.txt $corpus/pages/*.expected.txt "$seeds/" 2>/dev/null || true ;;
    amount)  link amount Fuzz/FuzzAmount.swift FigwatchExtract FigwatchCore
             for s in "4 trillion HKD" "4萬億港元" '$183bn' "1830億美元" "一千八百三十億" "half a trillion" "NT\$1.99兆"; do
               printf '%s' "$s" > "$seeds/$(printf '%s' "$s" | md5sum | cut -c1-8)"; done ;;
    text)    link text Fuzz/FuzzText.swift FigwatchText FigwatchCore
             for f in Tests/Fixtures/text/*.html Config/demo/pages/*.html; do [ -f "$f" ] && { printf '\001'; cat "$f"; } > "$seeds/$(basename "$f")"; done
             # A sample of the corpus keeps the first pass short under ASan.
             [ -d $corpus ] && for f in $(ls $corpus/pages/*.html | awk 'NR % 4 == 0'); do { printf '\000'; head -c 65536 "$f"; } > "$seeds/$(basename "$f")"; done ;;
    feed)    link feed Fuzz/FuzzFeed.swift FigwatchText FigwatchCore
             cp Tests/Fixtures/feed/* "$seeds/" 2>/dev/null || true
             [ -d $corpus ] && cp $corpus/encoding/* "$seeds/" 2>/dev/null || true ;;
    config)  link config Fuzz/FuzzConfig.swift FigwatchConfig FigwatchText FigwatchExtract FigwatchCore Yams CYaml
             cp Tests/Fixtures/config/*.yaml Config/*.yaml "$seeds/" ;;
    *) echo "unknown fuzz target: $target" >&2; exit 64 ;;
  esac
  # A target that did not link must fail the run, not pass it by running nothing.
  if [ ! -x "$build/fuzz-$target" ]; then echo "fuzz $target: the fuzz binary did not build (see above)" >&2; exit 1; fi
  if [ -d "Tests/Fixtures/fuzz/$target" ]; then cp Tests/Fixtures/fuzz/$target/* "$seeds/" 2>/dev/null || true; fi
  echo "fuzz $target for ${seconds}s ($(ls "$seeds" | wc -l) seeds)"
  "$build/fuzz-$target" -max_total_time="$seconds" -max_len=262144 -rss_limit_mb=4096 -timeout=20 -report_slow_units=20 \
      -artifact_prefix="$crashes/" -print_final_stats=1 "$seeds" 2>&1 | grep -E "^(Done|stat::number_of_executed_units|==|SUMMARY|.*ERROR)" || true
  if ls "$crashes"/* >/dev/null 2>&1; then
    echo "fuzz $target: crash inputs in $crashes" >&2; exit 1
  fi
done
