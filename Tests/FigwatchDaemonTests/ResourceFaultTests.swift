import FigwatchStore
import FigwatchTestSupport
import Foundation
import Testing

/// The daemon's own resources failing under it: the store's disk filling up, the configuration
/// becoming unreadable at a reload.
@Suite("Daemon resource faults", .serialized)
struct ResourceFaultTests {
    @Test("the configuration unreadable at reload (a directory in its place, then gone): the old one stays in force")
    func configUnreadable() async throws {
        let fixture = try await DaemonFixture()
        let server = fixture.server
        server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "3.1", day: 1)))
        try fixture.writeConfig(sources: [("acme", "/acme", "page")])
        let daemon = try fixture.start()
        #expect(await eventually(timeout: .seconds(10)) { await fixture.levels("acme").count == 1 })

        // Root reads any file whatever its mode: a directory in the file's place is unreadable for everyone.
        try FileManager.default.removeItem(atPath: fixture.configPath)
        try FileManager.default.createDirectory(atPath: fixture.configPath, withIntermediateDirectories: false)
        daemon.signal(SIGHUP)
        #expect(await daemon.waitForRecord(timeout: .seconds(10)) { $0["msg"]?.contains("cannot read the file") == true },
                "log: \(daemon.log.suffix(8))")
        try FileManager.default.removeItem(atPath: fixture.configPath)
        daemon.signal(SIGHUP)
        #expect(await eventually(timeout: .seconds(10)) {
            daemon.records.filter { $0["msg"] == "Keeping the running configuration." }.count >= 2
        }, "log: \(daemon.log.suffix(8))")

        // Still running on the old configuration: a change of the page is stored.
        server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "3.2", day: 2)))
        #expect(await eventually(timeout: .seconds(10)) { await fixture.levels("acme").count == 2 })
        #expect(daemon.process.isRunning)
        #expect(!daemon.records.contains { $0["msg"] == "Configuration reloaded." })

        // A readable file again is taken up.
        server.route("/globex", .text(DaemonFixture.page("Globex", trillions: "1.5")))
        try fixture.writeConfig(sources: [("acme", "/acme", "page"), ("globex", "/globex", "page")])
        #expect(await daemon.waitForRecord(timeout: .seconds(10)) { $0["msg"] == "Configuration reloaded." })
        #expect(await eventually(timeout: .seconds(10)) { await fixture.levels("globex") == ["1500000000000"] })
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0)
        await fixture.cleanUp()
    }

    /// Whether this process may mount a tmpfs (root, or CAP_SYS_ADMIN), tried once on a scratch folder.
    static let canMountTmpfs: Bool = {
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("figwatch-mount-probe-\(getpid())").path
        guard (try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)) != nil else { return false }
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard shell("mount -t tmpfs -o size=64k figwatch-probe \(probe)") == 0 else { return false }
        shell("umount \(probe)")
        return true
    }()

    @Test("the store's disk full: logged, the daemon keeps running, nothing committed is lost, it resumes with space",
          .enabled(if: canMountTmpfs || TestEnvironment.isCI, "mounting a tmpfs needs root or CAP_SYS_ADMIN"))
    func diskFull() async throws {
        let fixture = try await DaemonFixture()
        let mountPoint = fixture.directory.appendingPathComponent("small").path
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: false)
        guard Self.shell("mount -t tmpfs -o size=2m figwatch-test \(mountPoint)") == 0 else {
            Issue.record("cannot mount a tmpfs at \(mountPoint) (needs root or CAP_SYS_ADMIN)")
            await fixture.cleanUp()
            return
        }
        let storePath = mountPoint + "/figwatch.sqlite"
        let server = fixture.server
        let served = LockedBox(0)
        server.route("/acme", .dynamic { _ in
            let n = served.withLock { count -> Int in
                count += 1
                return count
            }
            return .text(DaemonFixture.page("Acme", trillions: "3." + String(format: "%03d", n)))
        })
        try fixture.writeConfig(sources: [("acme", "/acme", "page")])
        var yaml = try String(contentsOfFile: fixture.configPath, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "path: \(fixture.storePath)", with: "path: \(storePath)")
        try yaml.write(toFile: fixture.configPath, atomically: true, encoding: .utf8)

        let levels = { () async -> [String] in
            guard let store = try? SQLiteStore(path: storePath, access: .readOnly),
                let points = try? await store.series(entity: "acme", metric: .marketCap, kind: .level, since: nil, until: nil, detail: .summary)
            else { return [] }
            return points.map(\.value.description)
        }
        let daemon = try fixture.start()
        #expect(await eventually(timeout: .seconds(10)) { await levels().count >= 3 })

        // Fill the disk to the last byte.
        let filler = mountPoint + "/filler"
        _ = Self.shell("dd if=/dev/zero of=\(filler) bs=4k 2>/dev/null")
        let committed = await levels()
        #expect(await daemon.waitForRecord(timeout: .seconds(15)) { record in
            (record["msg"] ?? "").contains("full") || (record["error"] ?? "").contains("full")
        }, "log: \(daemon.log.suffix(8))")
        // More attempts against the full disk.
        let attempts = fixture.server.totalRequests
        #expect(await eventually(timeout: .seconds(30)) { fixture.server.totalRequests >= attempts + 2 })
        #expect(daemon.process.isRunning)
        let during = await levels()
        #expect(Array(during.prefix(committed.count)) == committed, "committed \(committed), now \(during)")

        // Space again: figures are stored again, with nothing lost in between.
        try FileManager.default.removeItem(atPath: filler)
        #expect(await eventually(timeout: .seconds(15)) { await levels().count >= during.count + 2 }, "log: \(daemon.log.suffix(8))")
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0)
        let after = await levels()
        #expect(Array(after.prefix(committed.count)) == committed)
        let store = try SQLiteStore(path: storePath, access: .readOnly)
        #expect(try await store.integrityCheck() == ["ok"])
        print("disk full: \(committed.count) levels before, \(during.count) while full, \(after.count) after; log: "
            + daemon.records.filter { ($0["level"] ?? "") != "info" }.compactMap { $0["msg"] }.suffix(4).joined(separator: " / "))
        _ = Self.shell("umount \(mountPoint)")
        await fixture.cleanUp()
    }

    @discardableResult
    static func shell(_ command: String) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
