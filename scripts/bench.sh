#!/usr/bin/env bash
# The benchmark: reproducible from this one command. Generates a deterministic synthetic unit of N
# people (realistic names with rare characters, a long unit name, 6–12 activities each), renders it
# with a release build, and reports pages or documents per second, CPU seconds, peak memory and bytes
# per page for:
#   1. the unit's one-job print PDF of every 附件1 (registrations.pdf), on 2 threads and on 1;
#   2. the per-person archive (each person's 附件1 and certificate pages as their own PDFs), 2 and 1;
#   3. 附件2 (the roster) of 1,000 and of N people: time should grow linearly;
#   4. an agency stamping 1,000 people (cedocs stamp: stamped 附件1, certificate, result sheet, 附件2)
#      against rendering all their documents (cedocs render), five rounds in turn: the target is at
#      most 1.3 times (the median round);
#   5. importing a unit's workbook of N people (cedocs import: the template filled by the template
#      writer from the same synthetic people, some 60,000 activity rows for 10,000): target under 5 s
#      and 200 MB;
#   6. the service under overload (scripts/load.sh): render requests with as many clients as the pool
#      has places, then four times as many; the rendered rate under overload should stay ≥ 0.80 of it;
#   7. memory flat in the number of people: peak RSS of rendering all documents of 30,000 people, and
#      of stamping them, against 1,000 (target at most 1.1 times).
# Results go to the terminal and to bench-out/results.txt.
#
#   scripts/bench.sh [N]        (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."

people=${1:-10000}
out=bench-out
mkdir -p "$out"

scripts/install-deps.sh
scripts/prepare-fonts.sh
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
swift build -c release --product cedocs >/dev/null
swift build -c release --product cedocs-bench-data >/dev/null
bin=.build/release

$bin/cedocs-bench-data --people "$people" --out "$out/people-$people.json" >/dev/null
$bin/cedocs-bench-data --people 1000 --out "$out/people-1000.json" >/dev/null
$bin/cedocs-bench-data --people 1000 --audited --out "$out/audited-1000.json" >/dev/null
# Warm the font cache, as a running service or a second batch would find it.
$bin/cedocs render examples/example.json --out "$out/warm" --quiet >/dev/null

results="$out/results.txt"
{
  echo "cedocs benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $people people"
  echo "$(swift --version 2>/dev/null | head -1)"
  printf '%-44s %9s %10s %8s %9s %10s\n' scenario units units/s cpu_s peak_MB bytes/unit
} | tee "$results"

# run NAME UNITS-KIND FILE JOBS DOCUMENTS
run() {
  local name=$1 kind=$2 file=$3 jobs=$4 only=$5
  # Each run writes a new folder, as a new archive would; all are removed at the end. (Removing
  # 20,000 files just before a run makes ext4 search past their freshly freed inodes for a minute:
  # an extra 10% of system time that no real run pays.)
  runs=$((runs + 1))
  local dir="$out/run-$runs"
  /usr/bin/time -f '%e %U %S %M' -o "$out/time.txt" \
    $bin/cedocs render "$file" --out "$dir" --jobs "$jobs" --only "$only" --quiet >/dev/null 2>"$out/errors.txt" || true
  read -r wall user sys rss < "$out/time.txt"
  local units bytes registration
  case $kind in
    pages) # 附件1 pages of the print job's volumes, without the blank backs that keep each person on an odd page
      units=0 bytes=0
      while IFS= read -r -d '' pdf; do
        units=$((units + $(pdftotext "$pdf" - | awk 'BEGIN{RS="\f"} /[^[:space:]]/{n++} END{print n+0}')))
        bytes=$((bytes + $(stat -c %s "$pdf")))
      done < <(find "$dir/units" -name 'registrations*.pdf' -print0) ;;
    documents)
      units=$(find "$dir/people" -name '*.pdf' | wc -l)
      bytes=$(find "$dir/people" -name '*.pdf' -printf '%s\n' | awk '{s+=$1} END{print s+0}')
      registration=$(find "$dir/people" -name registration.pdf -printf '%s\n' | awk '{s+=$1;n++} END{printf "%.1f", s/n/1024}') ;;
    roster)
      local pdf=$(find "$dir/units" -name annual-audit.pdf)
      units=$(pdfinfo "$pdf" | awk '/^Pages:/{print $2}')
      bytes=$(stat -c %s "$pdf") ;;
  esac
  awk -v n="$name" -v u="$units" -v w="$wall" -v c="$user" -v s="$sys" -v m="$rss" -v b="$bytes" \
    'BEGIN{printf "%-44s %9d %10.0f %8.1f %9.0f %10.0f\n", n, u, u/w, c+s, m/1024, b/u}' | tee -a "$results"
  echo "$name: $wall s wall" >> "$out/walls.txt"
  [ "$kind" != documents ] || echo "  average registration.pdf (one person's 附件1): $registration KB" >> "$out/walls.txt"
}

rm -rf "$out"/run-* "$out/walls.txt"
runs=0
run "print job 附件1, 2 threads (pages)" pages "$out/people-$people.json" 2 print-job
run "print job 附件1, 1 thread (pages)" pages "$out/people-$people.json" 1 print-job
run "per-person archive, 2 threads (documents)" documents "$out/people-$people.json" 2 registration,certificate
run "per-person archive, 1 thread (documents)" documents "$out/people-$people.json" 1 registration,certificate
run "附件2 roster of 1000 (pages)" roster "$out/people-1000.json" 2 annual-audit
run "附件2 roster of $people (pages)" roster "$out/people-$people.json" 2 annual-audit

# timed NAME COMMAND…: the wall-clock seconds of one command, into the walls list.
timed() {
  local name=$1
  shift
  /usr/bin/time -f '%e %U %S %M' -o "$out/time.txt" "$@" >/dev/null 2>"$out/errors.txt" || true
  read -r wall user sys rss < "$out/time.txt"
  echo "$wall"
  echo "$name: $wall s wall, $(awk -v c="$user" -v s="$sys" 'BEGIN{printf "%.1f", c+s}') cpu s, $((rss / 1024)) MB peak" >> "$out/walls.txt"
}
# Stamping against rendering, five times in turn, each into new folders with a new agency: one pair
# on a shared machine drifts by up to a fifth either way (1.08 to 1.42 in five pairs one afternoon),
# so the median of the five ratios is quoted; three left the median at the mercy of one bad pair.
rm -rf "$out"/agency*
ratios=()
for round in 1 2 3 4 5; do
  $bin/cedocs agency init 徐州市职业技术培训中心 --code XZPX --district 市直 --config "$out/agency-$round" >/dev/null
  render_wall=$(timed "render 1000 people, all documents, 2 threads (round $round)" \
    $bin/cedocs render "$out/audited-1000.json" --out "$out/run-render-1000-$round" --jobs 2 --quiet)
  stamp_wall=$(timed "stamp 1000 people, 2 threads (round $round)" \
    $bin/cedocs stamp "$out/audited-1000.json" --agency "$out/agency-$round/agencies/XZPX" --out "$out/run-stamp-1000-$round" \
    --jobs 2 --quiet)
  ratios+=("$(awk -v s="$stamp_wall" -v r="$render_wall" 'BEGIN{printf "%.2f", s/r}')")
done
echo "stamp / render of 1000 people: median $(printf '%s\n' "${ratios[@]}" | sort -n | sed -n 3p) of ${ratios[*]} (target ≤ 1.30)" \
  >> "$out/walls.txt"
# Memory: each size rendered, then stamped by a new agency, into new folders.
$bin/cedocs-bench-data --people 30000 --audited --out "$out/audited-30000.json" >/dev/null
peaks=()
for size in 1000 30000; do
  $bin/cedocs agency init 徐州市职业技术培训中心 --code XZPX --district 市直 --config "$out/agency-memory-$size" >/dev/null
  timed "render $size people, all documents, 2 threads (memory)" \
    $bin/cedocs render "$out/audited-$size.json" --out "$out/run-memory-render-$size" --jobs 2 --quiet >/dev/null
  peaks+=("$rss")
  timed "stamp $size people, 2 threads (memory)" \
    $bin/cedocs stamp "$out/audited-$size.json" --agency "$out/agency-memory-$size/agencies/XZPX" \
    --out "$out/run-memory-stamp-$size" --jobs 2 --quiet >/dev/null
  peaks+=("$rss")
done
echo "peak memory, 30000 people against 1000 (target ≤ 1.10): render $(awk -v a="${peaks[2]}" -v b="${peaks[0]}" 'BEGIN{printf "%.2f", a/b}')," \
  "stamp $(awk -v a="${peaks[3]}" -v b="${peaks[1]}" 'BEGIN{printf "%.2f", a/b}')" >> "$out/walls.txt"
$bin/cedocs template xlsx --from "$out/people-$people.json" -o "$out/people-$people.xlsx" >/dev/null
timed "import a workbook of $people people ($(stat -c %s "$out/people-$people.xlsx") bytes)" \
  $bin/cedocs import "$out/people-$people.xlsx" -o "$out/imported-$people.json" >/dev/null
{
  echo
  echo "wall-clock seconds:"
  cat "$out/walls.txt"
} | tee -a "$results"
{
  echo
  CEDOCS=$bin/cedocs scripts/load.sh
} | tee -a "$results"
rm -rf "$out"/run-* "$out/warm" "$out"/agency-*
echo "results: $results"
