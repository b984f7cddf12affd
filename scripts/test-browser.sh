#!/usr/bin/env bash
# The pages (issue 17) in a real browser: Debian's chromium, headless, driven through chromium-driver's
# WebDriver API by scripts/browser_flow.py (python3's standard library only). A `cedocs serve` on a free
# loopback port with a configuration made here (agency XZPX with the test seal; a token for the example's
# unit and one for the agency). Screenshots at 1280×800 and 375×800 go to $CEDOCS_SCREENSHOTS (default: a
# folder under the temporary folder, printed at the end). Fails (never skips) when anything is missing.
# Called by scripts/test.sh; CEDOCS names the binary.
set -euo pipefail
cd "$(dirname "$0")/.."

cedocs=${CEDOCS:-.build/debug/cedocs}
scripts/install-deps.sh
[ -x "$cedocs" ] || swift build --product cedocs >&2
chromium=$(command -v chromium) || { echo "test-browser.sh: chromium is missing (scripts/install-deps.sh installs it)" >&2; exit 2; }
driver=$(command -v chromedriver) || { echo "test-browser.sh: chromedriver is missing (chromium-driver)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/cedocs-browser.XXXXXX")
shots=${CEDOCS_SCREENSHOTS:-$work/screenshots}
mkdir -p "$shots" "$work/downloads" "$work/config"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  # Screenshots stay for a person to look at; the rest goes.
  rm -rf "$work/config" "$work/downloads" "$work/chrome-profile"
}
trap cleanup EXIT

# shellcheck source=scripts/ports.sh
. scripts/ports.sh
# token NAME: a new bearer token, its secret into $work/NAME, its digest printed.
token() {
  local made
  made=$("$cedocs" serve hash-token --new)
  sed -n 's/^token: //p' <<<"$made" >"$work/$1"
  sed -n 's/^sha256: //p' <<<"$made"
}

port=$(free_port)
"$cedocs" agency init 徐州市职业技术培训中心 --code XZPX --district 市直 \
  --seal Tests/StampPipelineTests/Fixtures/red-ring.png --verify-base "http://127.0.0.1:$port/v1/verify" \
  --config "$work/config" >"$work/agency.log"
unit_digest=$(token unit-token)
agency_digest=$(token agency-token)
cat >"$work/config/service.yaml" <<YAML
request_log: stamp-requests.sqlite
tokens:
  - { name: 第一人民医院人事科, unit: 徐州市第一人民医院, sha256: $unit_digest }
  - { name: 徐州市职业技术培训中心, agency: agencies/XZPX, sha256: $agency_digest }
YAML
"$cedocs" serve --config "$work/config/service.yaml" --host 127.0.0.1 --port "$port" </dev/null >"$work/serve.log" 2>&1 &
pids+=($!)
driver_port=$(free_port)
"$driver" --port="$driver_port" >"$work/chromedriver.log" 2>&1 &
pids+=($!)
wait_until "http://127.0.0.1:$port/healthz"
wait_until "http://127.0.0.1:$driver_port/status"

status=0
# --name=value: a token may begin with "-", which would read as an option.
python3 scripts/browser_flow.py --base "http://127.0.0.1:$port" --driver "http://127.0.0.1:$driver_port" \
  --chromium "$chromium" --unit-token="$(cat "$work/unit-token")" --agency-token="$(cat "$work/agency-token")" \
  --records examples/example.json --downloads "$work/downloads" --profile "$work/chrome-profile" --shots "$shots" || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- cedocs serve's log (last lines)"; tail -n 20 "$work/serve.log"
  echo "--- chromedriver's log (last lines)"; tail -n 20 "$work/chromedriver.log"
fi
echo "screenshots: $shots"
exit "$status"
