#!/usr/bin/env bash
# Fuzzes every target for SECONDS (default 60) each, seeded with the
# fixtures. Findings land in fuzz/artifacts/<target>/. Needs cargo-fuzz
# (`cargo install cargo-fuzz --locked`); RUSTC_BOOTSTRAP lets the stable
# toolchain build with libFuzzer's instrumentation.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
export RUSTC_BOOTSTRAP=1
seeds() {
  case "$1" in
    jsonld) echo fixtures/sites/jsonld fixtures/demo/site/jobs ;;
    html_to_text) echo fixtures/sites/jsonld fixtures/sites/html-board ;;
    hn_first_line | matcher) echo fixtures/labelled ;;
    hn_api) echo fixtures/hn/items ;;
    greenhouse | lever | ashby | feed | recruitee | remoteok | arbeitnow | himalayas | jobicy | smartrecruiters | workable | personio | workday) echo "fixtures/$1" ;;
    html_board) echo fixtures/sites/html-board/jobs fixtures/sites/html-board/page ;;
    config) echo fuzz/seeds/config ;;
    *) echo "no seeds for $1" >&2; exit 2 ;;
  esac
}
mkdir -p fuzz/logs
failed=()
for target in $(cargo fuzz list); do
  mkdir -p "fuzz/corpus/$target"
  echo "== $target ($seconds s)"
  # shellcheck disable=SC2046
  if ! cargo fuzz run -s none -O "$target" "fuzz/corpus/$target" $(seeds "$target") -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 >"fuzz/logs/$target.log" 2>&1; then
    failed+=("$target")
    grep -E 'panicked|ERROR|SUMMARY|Test unit written' "fuzz/logs/$target.log" || true
  fi
  grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "fuzz/logs/$target.log" || true
done
if ((${#failed[@]})); then
  echo "failed: ${failed[*]} (see fuzz/logs/ and fuzz/artifacts/)"
  exit 1
fi
echo "no crashes"
