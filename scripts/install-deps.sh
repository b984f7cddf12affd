#!/usr/bin/env bash
# Installs the Debian packages cedocs needs to build, run and test, if any is missing. Idempotent:
# when everything is present it changes nothing and touches no network.
set -euo pipefail

packages=(
  pkg-config
  libcairo2-dev libpango1.0-dev libfontconfig1-dev   # drawing, text, PDF (the CPangoCairo module)
  fonts-noto-cjk fonts-lxgw-wenkai                    # 宋 黑 (Noto Serif/Sans CJK SC), 楷 (LXGW WenKai)
  fonts-hanazono fonts-babelstone-han                 # 生僻字 fallbacks: CJK Extension A–G
  python3-fonttools                                   # prepares the Noto faces (scripts/prepare-fonts.sh)
  poppler-utils                                       # pdftotext/pdffonts/pdfinfo: the tests read real PDFs
  libqrencode-dev libsqlite3-dev                      # QR codes (the CQREncode module), the registry (GRDB)
  zlib1g-dev libdeflate-dev                           # how the PDFs are deflated (CDeflateLevel)
  libxml2-dev                                         # the XML parts of an imported workbook (the CLibXML2 module)
  zbar-tools openssl                                  # tests: zbarimg decodes the QR codes, openssl reads the public key
  hey curl                                            # scripts/load.sh: load test of cedocs serve on loopback
  unzip                                               # tests: an exported archive ZIP opens with unzip -l
  strace sqlite3                                      # tests: failed writes injected (Tests/FaultTests), the registry read
  dpkg-dev                                            # scripts/package.sh: dpkg-shlibdeps finds the package's Depends
  lintian systemd                                     # tests of the package: Debian's package checker, systemd-analyze verify
  postgresql-15                                       # the city registry's store (issue 16): the tests' throwaway server (scripts/pg.sh)
  nginx-light                                         # scripts/cluster.sh: the front of the city's replicas (issue 16)
  chromium chromium-driver                            # scripts/test-browser.sh: the pages driven in a real headless browser (issue 17)
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]})); then
  echo "cedocs: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
