# figwatch: the two commands a new user needs are `make demo` and `make test`.
# Both install the Debian packages the build needs when they are missing.

SWIFT     ?= swift
PREFIX    ?= /usr/local
DESTDIR   ?=
# postgresql: the store tests start a throwaway cluster of it (Tests/FigwatchTestSupport/PostgresCluster.swift).
# dpkg-dev: dpkg-shlibdeps computes the Debian package's Depends: (make deb, make test-deb).
# chromium: the dashboard tests open the pages headless (Tests/FigwatchHTTPTests/DashboardBrowserTests.swift).
APT_DEPS  := libcurl4-openssl-dev libxml2-dev libsqlite3-dev libsystemd-dev pkg-config systemd brotli postgresql chromium dpkg-dev
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE   := .build/release
# Every release build (make build, install, bench, deb) links the Swift runtime statically and binds
# immediately (-z now: the GOT is read-only once loaded, as Debian's hardening flags ask). One set of
# flags, so that switching between the targets never rebuilds, and the binary benchmarked is the one
# shipped: against the runtime's shared libraries it starts in half the time and keeps 0.4 to 0.8 MB
# less private memory (docs/OPERATIONS.md, Memory), and it needs no Swift toolchain where it runs.
RELEASE_FLAGS := -c release --static-swift-stdlib -Xlinker -z -Xlinker now
DEBUG     := .build/debug

.PHONY: all deps build debug test test-deb demo chart bench fuzz install deb man clean

all: build

# Install only what is missing, so a machine that has everything is not touched.
deps:
	@missing=""; for p in $(APT_DEPS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product figwatch

debug: deps
	$(SWIFT) build --product figwatch

# The multi-daemon PostgreSQL tests (three daemons and a database on a machine of two cores) run in a
# pass of their own, so that their load does not skew the timing tests of the main pass.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip SharedStoreDaemonTests
	$(SWIFT) test --skip-build --filter SharedStoreDaemonTests
	$(MAKE) test-deb

# The Debian package, built from the debug binary the tests just built (the release build takes
# several minutes more, and what the test checks -- the layout, the conffile, dpkg's install, remove,
# purge and upgrade -- does not depend on the optimiser), installed into a scratch root and taken apart.
# When lintian is installed (it is not among APT_DEPS: it brings a Perl stack of its own), the test runs it
# too and fails on any error or warning packaging/lintian-overrides does not give a reason for.
test-deb: man
	FIGWATCH_DEB=$$(packaging/build-deb.sh $(DEBUG)/figwatch $(MANDIR) .build/deb-test --allow-unpackaged-libs) \
	  $(SWIFT) test --skip-build --filter DebianPackageTests

demo: debug
	@./Config/demo/run-demo.sh $(DEBUG)/figwatch

# The demo's market-cap chart as SVG, and as PNG through headless Chromium when it is installed,
# to look at what `figwatch plot` draws.
chart: demo
	FIGWATCH_CONFIG=Config/demo.yaml $(DEBUG)/figwatch plot alibaba market_cap --output .build/demo/alibaba.svg
	@if command -v chromium >/dev/null; then \
	  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=900,480 \
	    --screenshot=.build/demo/alibaba.png "file://$$(pwd)/.build/demo/alibaba.svg" 2>/dev/null && echo "wrote .build/demo/alibaba.png"; \
	else echo "chromium not installed: open .build/demo/alibaba.svg in a browser"; fi

bench: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product figwatch
	$(SWIFT) build $(RELEASE_FLAGS) --product figwatch-bench
	$(RELEASE)/figwatch-bench $(BENCH)

# libFuzzer targets (Fuzz/): FUZZ_SECONDS each; FUZZ_TARGETS to choose (extract amount text feed config).
FUZZ_SECONDS ?= 60
fuzz: deps
	Fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# Man pages from the argument parser's help (swift-argument-parser's generate-manual plugin, offline).
MANDIR := .build/plugins/GenerateManual/outputs/figwatch
man: deps
	mkdir -p .build/man
	$(SWIFT) package --allow-writing-to-directory .build/man generate-manual --configuration debug --multi-page \
	  --authors "the figwatch authors" >/dev/null
	packaging/tidy-man.sh $(MANDIR)

# figwatch_VERSION_ARCH.deb: the release binary, whose Swift runtime is linked in, so that every library it
# needs comes from a Debian package and Depends: says which (packaging/build-deb.sh).
deb: deps man
	$(SWIFT) build $(RELEASE_FLAGS) --product figwatch
	packaging/build-deb.sh $(RELEASE)/figwatch $(MANDIR) .

# The package's paths under $(PREFIX): binary, unit (systemd reads /usr/local/lib/systemd/system too),
# man pages, completions; the example configuration only if none is there.
install: build man
	install -D -m 0755 $(RELEASE)/figwatch $(DESTDIR)$(PREFIX)/bin/figwatch
	install -d $(DESTDIR)$(PREFIX)/lib/systemd/system $(DESTDIR)$(PREFIX)/share/man/man1
	sed 's|/usr/local/bin/figwatch|$(PREFIX)/bin/figwatch|g' systemd/figwatch.service > $(DESTDIR)$(PREFIX)/lib/systemd/system/figwatch.service
	chmod 0644 $(DESTDIR)$(PREFIX)/lib/systemd/system/figwatch.service
	for page in $(MANDIR)/*.1; do gzip -9n -c $$page > $(DESTDIR)$(PREFIX)/share/man/man1/$$(basename $$page).gz; done
	$(RELEASE)/figwatch --generate-completion-script bash | sed '1{/^#!/d}' | install -D -m 0644 /dev/stdin $(DESTDIR)$(PREFIX)/share/bash-completion/completions/figwatch
	$(RELEASE)/figwatch --generate-completion-script zsh | install -D -m 0644 /dev/stdin $(DESTDIR)$(PREFIX)/share/zsh/vendor-completions/_figwatch
	$(RELEASE)/figwatch --generate-completion-script fish | install -D -m 0644 /dev/stdin $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/figwatch.fish
	[ -e $(DESTDIR)/etc/figwatch/figwatch.yaml ] || install -D -m 0644 Config/figwatch.yaml $(DESTDIR)/etc/figwatch/figwatch.yaml

clean:
	rm -rf .build
