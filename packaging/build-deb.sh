#!/bin/sh
# Builds figwatch_VERSION_ARCH.deb with dpkg-deb (no debhelper): the binary, the systemd unit, the
# configuration as a conffile, man pages, shell completions, and Depends: computed by dpkg-shlibdeps
# from the libraries the binary needs.
#
#   packaging/build-deb.sh BINARY MANDIR OUTDIR [--allow-unpackaged-libs]
#
# BINARY: the figwatch to ship (make deb: a release build with the Swift runtime linked statically, so
# every library it needs belongs to a Debian package). MANDIR: the pages swift-argument-parser's
# generate-manual plugin wrote. --allow-unpackaged-libs lets a debug binary (Swift runtime in the
# toolchain, not in a package) through, for the package test; a release package never needs it.
set -eu
binary=$1 mandir=$2 outdir=$3 allow=${4:-}
here=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's/.*static let string = "\(.*\)".*/\1/p' "$here/Sources/figwatch/Figwatch.swift")
arch=$(dpkg --print-architecture)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
mkdir -p "$root/DEBIAN" "$outdir"

install -D -m 0755 "$binary" "$root/usr/bin/figwatch"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$root/usr/bin/figwatch" 2>/dev/null || true
sed 's|/usr/local/bin/figwatch|/usr/bin/figwatch|g' "$here/systemd/figwatch.service" > "$work/figwatch.service"
install -D -m 0644 "$work/figwatch.service" "$root/usr/lib/systemd/system/figwatch.service"
install -D -m 0644 "$here/Config/figwatch.yaml" "$root/etc/figwatch/figwatch.yaml"

# Man pages from the argument parser's help; compressed as Debian policy wants (gzip -9n: no timestamp).
mkdir -p "$root/usr/share/man/man1"
for page in "$mandir"/*.1; do
    gzip -9n -c "$page" > "$root/usr/share/man/man1/$(basename "$page").gz"
done

# Completions, where each shell's packaged completion loader looks.
"$binary" --generate-completion-script bash > "$work/bash"
"$binary" --generate-completion-script zsh > "$work/zsh"
"$binary" --generate-completion-script fish > "$work/fish"
install -D -m 0644 "$work/bash" "$root/usr/share/bash-completion/completions/figwatch"
install -D -m 0644 "$work/zsh" "$root/usr/share/zsh/vendor-completions/_figwatch"
install -D -m 0644 "$work/fish" "$root/usr/share/fish/vendor_completions.d/figwatch.fish"

doc=$root/usr/share/doc/figwatch
install -d "$doc"
cat > "$doc/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: figwatch

Files: *
Copyright: the figwatch authors
License: see the figwatch source repository
COPYRIGHT
printf 'figwatch (%s) unstable; urgency=medium\n\n  * Built from the figwatch repository with make deb.\n\n -- figwatch maintainers <figwatch@localhost>  %s\n' \
    "$version" "$(date -R -d @0)" | gzip -9n > "$doc/changelog.Debian.gz"
cp "$here/README.md" "$doc/README.md"
for file in CONFIG.md ALERTS.md OPERATIONS.md FIGURES.md; do cp "$here/docs/$file" "$doc/$file"; done

# Depends: dpkg-shlibdeps maps each NEEDED library to the package that ships it; it wants a
# debian/control to read, so a minimal one is written beside the staged tree.
mkdir -p "$work/debian"
printf 'Source: figwatch\n\nPackage: figwatch\nArchitecture: any\n' > "$work/debian/control"
flags=""
[ "$allow" = "--allow-unpackaged-libs" ] && flags="--ignore-missing-info"
depends=$(cd "$work" && dpkg-shlibdeps $flags -O -e root/usr/bin/figwatch 2>"$work/shlibdeps.err" | sed -n 's/^shlibs:Depends=//p') || {
    cat "$work/shlibdeps.err" >&2; exit 1; }
[ -n "$depends" ] || { echo "dpkg-shlibdeps found no dependencies" >&2; cat "$work/shlibdeps.err" >&2; exit 1; }

size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: figwatch
Version: $version
Architecture: $arch
Maintainer: figwatch maintainers <figwatch@localhost>
Installed-Size: $size
Depends: $depends
Section: net
Priority: optional
Homepage: https://github.com/figwatch/figwatch
Description: watch company valuations and market capitalisations in the news
 figwatch fetches news pages and feeds, reduces each page to its article text,
 reads the valuation, market-cap and funding figures in Chinese, English,
 Japanese and German, keeps them as a time series and raises alerts in the
 journal, to a command or to a webhook. It runs as a sandboxed systemd service.
CONTROL
echo /etc/figwatch/figwatch.yaml > "$root/DEBIAN/conffiles"
cat > "$root/DEBIAN/postinst" <<'SCRIPT'
#!/bin/sh
set -e
# The unit is new or changed: systemd reads it again. Enabling is the administrator's choice
# (the configuration must name real sources first).
if [ "$1" = configure ] && [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null || true
fi
SCRIPT
cat > "$root/DEBIAN/postrm" <<'SCRIPT'
#!/bin/sh
set -e
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null || true
fi
SCRIPT
chmod 0755 "$root/DEBIAN/postinst" "$root/DEBIAN/postrm"

deb="$outdir/figwatch_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
