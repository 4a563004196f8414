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
#
# The Maintainer field is "$DEBFULLNAME <$DEBEMAIL>" when those are set, as with Debian's own tools.
# lintian (when installed) finds nothing to say about the package but what
# packaging/lintian-overrides lists, each with its reason: make test-deb checks it.
set -eu
binary=$1 mandir=$2 outdir=$3 allow=${4:-}
here=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's/.*static let string = "\(.*\)".*/\1/p' "$here/Sources/figwatch/Figwatch.swift")
arch=$(dpkg --print-architecture)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
mkdir -p "$root/DEBIAN" "$outdir"
maintainer="${DEBFULLNAME:-figwatch maintainers} <${DEBEMAIL:-figwatch-maintainers@users.noreply.github.com}>"

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

# Completions, where each shell's packaged completion loader looks. bash-completion sources its files,
# so the generated script's #! line goes.
"$binary" --generate-completion-script bash | sed '1{/^#!/d}' > "$work/bash"
"$binary" --generate-completion-script zsh > "$work/zsh"
"$binary" --generate-completion-script fish > "$work/fish"
install -D -m 0644 "$work/bash" "$root/usr/share/bash-completion/completions/figwatch"
install -D -m 0644 "$work/zsh" "$root/usr/share/zsh/vendor-completions/_figwatch"
install -D -m 0644 "$work/fish" "$root/usr/share/fish/vendor_completions.d/figwatch.fish"

doc=$root/usr/share/doc/figwatch
install -d "$doc"
# The repository names no licence yet: the copyright file says so rather than invent one.
cat > "$doc/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: figwatch
Source: https://github.com/figwatch/figwatch

Files: *
Copyright: 2026 the figwatch authors
License: none-stated
 The figwatch repository states no licence. Until it does, ask its authors
 before redistributing this package.
COPYRIGHT
# A native package (the version has no Debian revision): its changelog is changelog.gz.
printf 'figwatch (%s) unstable; urgency=medium\n\n  * Built from the figwatch repository with make deb.\n\n -- %s  %s\n' \
    "$version" "$maintainer" "$(date -R -d @0)" | gzip -9n > "$doc/changelog.gz"
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

# What lintian is told to leave alone, each with its reason (packaging/lintian-overrides). A package of
# the debug binary (the package test) finds the toolchain's Swift runtime through a RUNPATH; a release
# binary has the runtime linked in and no RUNPATH.
overrides=$root/usr/share/lintian/overrides/figwatch
install -D -m 0644 "$here/packaging/lintian-overrides" "$overrides"
if [ "$allow" = "--allow-unpackaged-libs" ]; then
    printf '%s\n' "# The package test's debug binary: the Swift runtime is the toolchain's, found through its RUNPATH." \
        "custom-library-search-path RUNPATH /opt/swift/usr/lib/swift/linux [usr/bin/figwatch]" >> "$overrides"
fi

size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: figwatch
Version: $version
Architecture: $arch
Maintainer: $maintainer
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
# md5sums of every shipped file but the conffile (dpkg keeps a conffile's own), for debsums and dpkg --verify.
(cd "$root" && find . -path ./DEBIAN -prune -o -path ./etc -prune -o -type f -print | sed 's|^\./||' | LC_ALL=C sort \
    | xargs md5sum) > "$root/DEBIAN/md5sums"
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
