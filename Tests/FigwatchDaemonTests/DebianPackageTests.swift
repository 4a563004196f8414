import FigwatchTestSupport
import Foundation
import Testing

/// The Debian package `make test-deb` builds (packaging/build-deb.sh, from the debug binary), installed
/// with the real dpkg into a scratch root, checked, upgraded, removed and purged. Runs when
/// `$FIGWATCH_DEB` names the package: `make test` builds it in a step of its own.
private let debianPackage = ProcessInfo.processInfo.environment["FIGWATCH_DEB"].flatMap { $0.isEmpty ? nil : $0 }

@Suite("Debian package", .serialized)
struct DebianPackageTests {
    static let package = debianPackage

    typealias Run = (status: Int32, output: String)

    /// Runs `argv` to its end, stdout and stderr together.
    @discardableResult
    static func run(_ argv: [String]) throws -> Run { try CommandRun.combined(argv) }

    /// dpkg on a scratch root: its own database, maintainer scripts run without chroot (the root has
    /// no shell), and the libraries the package depends on taken as present (they are, on this host).
    static func dpkg(_ root: String, _ arguments: [String]) throws -> Run {
        var argv = ["dpkg", "--root=\(root)", "--force-script-chrootless", "--log=/dev/null"]
        if getuid() != 0 { argv.append("--force-not-root") }
        return try run(argv + arguments)
    }

    @Test("installs into a scratch root, checks its own conffile, keeps an edited conffile on upgrade, removes and purges",
          .enabled(if: debianPackage != nil, "FIGWATCH_DEB not set: make test-deb builds the package and runs this"))
    func lifecycle() throws {
        let deb = try #require(Self.package)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("figwatch-deb-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let root = scratch.appendingPathComponent("root").path
        for folder in ["info", "updates", "triggers"] {
            try FileManager.default.createDirectory(atPath: root + "/var/lib/dpkg/" + folder, withIntermediateDirectories: true)
        }
        _ = FileManager.default.createFile(atPath: root + "/var/lib/dpkg/status", contents: Data())

        // The control data: Depends computed from the binary's libraries, the conffile declared.
        let fields = try Self.run(["dpkg-deb", "--field", deb]).output
        #expect(fields.contains("Depends: ") && fields.contains("libcurl4") && fields.contains("libxml2") && fields.contains("libsqlite3-0"),
                "\(fields)")

        let install = try Self.dpkg(root, ["--force-depends", "-i", deb])
        #expect(install.status == 0, "\(install.output)")
        for path in [
            "/usr/bin/figwatch", "/usr/lib/systemd/system/figwatch.service", "/etc/figwatch/figwatch.yaml",
            "/usr/share/man/man1/figwatch.1.gz", "/usr/share/man/man1/figwatch.run.1.gz", "/usr/share/man/man1/figwatch.check-config.1.gz",
            "/usr/share/bash-completion/completions/figwatch", "/usr/share/zsh/vendor-completions/_figwatch",
            "/usr/share/fish/vendor_completions.d/figwatch.fish", "/usr/share/doc/figwatch/copyright",
        ] {
            #expect(FileManager.default.fileExists(atPath: root + path), "\(path) not installed")
        }
        let status = try String(contentsOfFile: root + "/var/lib/dpkg/status", encoding: .utf8)
        #expect(status.contains("Conffiles:\n /etc/figwatch/figwatch.yaml "), "\(status)")
        let unit = try String(contentsOfFile: root + "/usr/lib/systemd/system/figwatch.service", encoding: .utf8)
        #expect(unit.contains("ExecStart=/usr/bin/figwatch run") && !unit.contains("/usr/local"), "\(unit)")
        // Every command's page the package ships is one of the unit's Documentation= (all but `help`'s).
        let pages = try FileManager.default.contentsOfDirectory(atPath: root + "/usr/share/man/man1")
            .filter { $0.hasSuffix(".1.gz") && $0 != "figwatch.help.1.gz" }
        #expect(pages.count >= 10, "\(pages)")
        let documented = unit.split(separator: "\n").filter { $0.hasPrefix("Documentation=") }
            .flatMap { $0.dropFirst("Documentation=".count).split(separator: " ") }
        for page in pages.sorted() {
            let reference = "man:" + page.dropLast(".1.gz".count) + "(1)"
            #expect(documented.contains(Substring(reference)), "the unit's Documentation= does not name \(reference)")
        }
        #expect(unit.contains("DynamicUser=yes") && unit.contains("StateDirectory=figwatch"))

        // The installed binary accepts the installed configuration.
        let check = try Self.run([root + "/usr/bin/figwatch", "check-config", "--config", root + "/etc/figwatch/figwatch.yaml"])
        #expect(check.status == 0 && check.output.hasPrefix("ok: "), "\(check.output)")

        // An upgrade whose package changes the conffile keeps the administrator's edit (dpkg's
        // default for a non-interactive upgrade: keep the old, --force-confold).
        let conffile = root + "/etc/figwatch/figwatch.yaml"
        try (try String(contentsOfFile: conffile, encoding: .utf8) + "# edited by the administrator\n")
            .write(toFile: conffile, atomically: false, encoding: .utf8)
        let next = try Self.repackaged(deb, in: scratch.path)
        let upgrade = try Self.dpkg(root, ["--force-depends", "--force-confold", "-i", next])
        #expect(upgrade.status == 0, "\(upgrade.output)")
        #expect(try Self.dpkg(root, ["-s", "figwatch"]).output.contains("Version: 99.0.0"))
        let kept = try String(contentsOfFile: conffile, encoding: .utf8)
        #expect(kept.hasSuffix("# edited by the administrator\n") && !kept.contains("# changed upstream"), "\(kept.suffix(200))")
        #expect(FileManager.default.fileExists(atPath: conffile + ".dpkg-dist"), "the new version is set beside it")

        // Remove keeps the configuration; purge removes it.
        let remove = try Self.dpkg(root, ["-r", "figwatch"])
        #expect(remove.status == 0, "\(remove.output)")
        #expect(!FileManager.default.fileExists(atPath: root + "/usr/bin/figwatch"))
        #expect(FileManager.default.fileExists(atPath: conffile))
        let purge = try Self.dpkg(root, ["-P", "figwatch"])
        #expect(purge.status == 0, "\(purge.output)")
        #expect(!FileManager.default.fileExists(atPath: conffile))
        #expect(!(try String(contentsOfFile: root + "/var/lib/dpkg/status", encoding: .utf8)).contains("Package: figwatch"))
    }

    /// lintian, when installed (it is not among the packages `make test` installs): no error or warning
    /// but those packaging/lintian-overrides names with its reason.
    static let lintian = ["/usr/bin/lintian", "/usr/local/bin/lintian"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("lintian finds no error or warning",
          .enabled(if: debianPackage != nil, "FIGWATCH_DEB not set: make test-deb builds the package and runs this"),
          .enabled(if: lintian != nil, "lintian is not installed (apt-get install lintian)"))
    func lintianClean() throws {
        let deb = try #require(Self.package)
        let result = try Self.run([try #require(Self.lintian), "--pedantic", "--display-info", deb])
        let tags = result.output.split(separator: "\n").filter { $0.hasPrefix("E: ") || $0.hasPrefix("W: ") }
        #expect(tags.isEmpty, "\(result.output)")
        // lintian exits 2 when it could not run at all (a damaged package, a missing tool).
        #expect(result.status != 2, "\(result.output)")
    }

    /// The same package as version 99.0.0 whose shipped configuration changed: an upgrade.
    static func repackaged(_ deb: String, in folder: String) throws -> String {
        let tree = folder + "/next"
        #expect(try run(["dpkg-deb", "-R", deb, tree]).status == 0)
        let control = tree + "/DEBIAN/control"
        var text = try String(contentsOfFile: control, encoding: .utf8)
        text = text.replacingOccurrences(of: #"(?m)^Version: .*$"#, with: "Version: 99.0.0", options: .regularExpression)
        try text.write(toFile: control, atomically: false, encoding: .utf8)
        let shipped = tree + "/etc/figwatch/figwatch.yaml"
        try (try String(contentsOfFile: shipped, encoding: .utf8) + "# changed upstream\n").write(toFile: shipped, atomically: false, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: tree + "/DEBIAN/md5sums")
        let next = folder + "/figwatch_99.0.0.deb"
        let built = try run(["dpkg-deb", "--root-owner-group", "-b", tree, next])
        #expect(built.status == 0, "\(built.output)")
        return next
    }
}
