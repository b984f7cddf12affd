#!/usr/bin/env bash
# Builds out/cedocs_<version>_amd64.deb with dpkg-deb: the release binary (the Swift runtime linked in,
# so that it needs only Debian's libraries), templates/, fonts/fonts.conf with the Noto faces prepared
# here at build time, /etc/cedocs/service.yaml, the cedocs.service unit and what Debian asks of a package
# (packaging/debian/). Prints the package's path.
#
#   scripts/package.sh                  builds cedocs in release mode first
#   scripts/package.sh --binary FILE    packages a cedocs already built with --static-swift-stdlib
#
# Layout: /usr/lib/cedocs/cedocs with templates/ and fonts/ beside it, /usr/bin/cedocs a link to it: cedocs
# finds its data beside the executable it runs (Pipeline's Resources), from any folder, with no CEDOCS_HOME.
# The folders are real ones, not links into /usr/share: the digest of fonts and templates (`cedocs --version`,
# InputDigest) reads the files under the folders it finds, and does not follow a linked folder.
#
# The fonts are prepared at build time, not in postinst: the package then carries exactly the faces its
# build was tested with (`cedocs --version` prints their digest, the same on every machine it is installed
# on), installing takes seconds instead of minutes, and neither fonts-noto-cjk nor python3-fonttools is
# needed where it runs.
set -euo pipefail
cd "$(dirname "$0")/.."

binary=""
while (($#)); do
  case $1 in
    --binary) binary=$2; shift 2 ;;
    *) echo "usage: scripts/package.sh [--binary FILE]" >&2; exit 2 ;;
  esac
done

scripts/install-deps.sh
scripts/prepare-fonts.sh
if [ -z "$binary" ]; then
  scripts/build-info.sh
  swift build -c release --product cedocs --static-swift-stdlib
  binary=.build/release/cedocs
fi

# Only Debian's libraries: a library from elsewhere (the toolchain's Swift runtime in /opt/swift) would be
# missing on the machines the package goes to.
foreign=$(ldd "$binary" | awk '/=>/ { print $3 }' | while read -r library; do
  dpkg -S "$(readlink -f "$library")" >/dev/null 2>&1 || dpkg -S "$library" >/dev/null 2>&1 || echo "$library"
done)
if ldd "$binary" | grep -q "not found" || [ -n "$foreign" ]; then
  echo "cedocs: $binary needs libraries that no Debian package holds: ${foreign:-(not found)}" >&2
  echo "cedocs: build it with: swift build -c release --product cedocs --static-swift-stdlib" >&2
  exit 1
fi

debian=packaging/debian
version=$("$binary" --version | sed -n '1s/^cedocs //p')
revision=$(sed -n '1s/^cedocs (\(.*\)) .*/\1/p' "$debian/changelog")
if [ "${revision%-*}" != "$version" ]; then
  echo "cedocs: the binary is version $version, packaging/debian/changelog's last entry $revision: add an entry for $version" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage=$work/debian/cedocs  # where dpkg-shlibdeps expects a package being built
umask 022

install -D -m 0755 "$binary" "$stage/usr/lib/cedocs/cedocs"
# As dh_strip does: no debug information or symbol table in the package.
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$stage/usr/lib/cedocs/cedocs"
install -d "$stage/usr/bin"
ln -s ../lib/cedocs/cedocs "$stage/usr/bin/cedocs"

data=$stage/usr/lib/cedocs
install -d "$data/templates" "$data/fonts/prepared"
install -m 0644 templates/* "$data/templates/"
install -m 0644 fonts/fonts.conf "$data/fonts/"
install -m 0644 fonts/prepared/*.ttf "$data/fonts/prepared/"

install -D -m 0644 "$debian/service.yaml" "$stage/etc/cedocs/service.yaml"
install -D -m 0644 "$debian/cedocs.service" "$stage/lib/systemd/system/cedocs.service"
install -D -m 0644 "$debian/copyright" "$stage/usr/share/doc/cedocs/copyright"
gzip -9n < "$debian/changelog" > "$stage/usr/share/doc/cedocs/changelog.Debian.gz"
install -D -m 0644 "$debian/lintian-overrides" "$stage/usr/share/lintian/overrides/cedocs"

# Depends: the packages of the libraries the binary links (dpkg-shlibdeps, from their shlibs/symbols files),
# the fonts fonts.conf names that are not in the package, adduser for postinst, procps for the unit's kill.
# (It finds the package's root, for the binary's $ORIGIN, by its DEBIAN folder.)
install -d "$stage/DEBIAN"
printf 'Source: cedocs\n\nPackage: cedocs\nArchitecture: amd64\n' > "$work/debian/control"
libraries=$(cd "$work" && dpkg-shlibdeps --warnings=1 -O debian/cedocs/usr/lib/cedocs/cedocs | sed -n 's/^shlibs:Depends=//p')

sed -e "s/@VERSION@/$revision/" -e "s/@SIZE@/$(du -sk --exclude=DEBIAN "$stage" | cut -f1)/" \
    -e "s/@DEPENDS@/$libraries, adduser, procps, fonts-lxgw-wenkai, fonts-hanazono, fonts-babelstone-han/" \
    "$debian/control" > "$stage/DEBIAN/control"
install -m 0644 "$debian/conffiles" "$stage/DEBIAN/"
install -m 0755 "$debian/postinst" "$debian/prerm" "$debian/postrm" "$stage/DEBIAN/"
# The conffiles are checked by their own digests in dpkg's database.
(cd "$stage" && find . -type f ! -path './DEBIAN/*' ! -path './etc/*' -printf '%P\0' | sort -z | xargs -0 md5sum) \
  > "$stage/DEBIAN/md5sums"

mkdir -p out
package=out/cedocs_${revision}_amd64.deb
dpkg-deb --root-owner-group -Zxz --build "$stage" "$package" >/dev/null
echo "$package"
