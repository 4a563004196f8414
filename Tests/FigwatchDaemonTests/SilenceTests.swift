import FigwatchCore
import FigwatchStore
import FigwatchTestSupport
import Foundation
import Testing

/// Silences: what they mute and when, on virtual time (`TestClock`); and `figwatch silence` against a
/// running daemon, which holds the store's writer lock.
@Suite("Silences", .serialized)
struct SilenceTests {
    /// The Acme rule with a webhook and a Slack notifier, both on the fixture's server.
    static func ruleWithReceivers(_ fixture: DaemonFixture) -> String {
        """
        notifiers:
          - {id: chat, type: slack, url: "\(fixture.server.url("/slack"))"}

        """ + DaemonFixture.aboveRule + """
            webhook: "\(fixture.server.url("/hook"))"
            notify: [chat]
            group_wait: 0s
            group_interval: 0s

        """
    }

    /// States and the silence that muted each, oldest first.
    static func history(_ store: any FigureStore) async throws -> [String] {
        try await store.alertHistory(since: nil).map { "\($0.state) \($0.silenceID.map { "muted by \($0)" } ?? "sent")" }
    }

    @Test("a silence mutes its rule's deliveries while active; ended by its time or by hand, the next transition is sent")
    func muteAndUnmute() async throws {
        try await DaemonFixture.with { fixture in
            let clock = TestClock()
            // Each step is another day's figure: a new observation, so a new sighting for the rule.
            let level = LockedBox(("3.5", 1))
            fixture.server.route("/acme", .dynamic { _ in
                let (trillions, day) = level.withLock { $0 }
                return .text(DaemonFixture.page("Acme", trillions: trillions, day: day))
            })
            fixture.server.route("/hook", .status(204))
            fixture.server.route("/slack", .text("ok", contentType: "text/plain"))
            try fixture.writeConfig(sources: [("acme", "/acme", "page")], interval: "60s", extra: Self.ruleWithReceivers(fixture))
            let harness = try await VirtualDaemon(fixture, clock: clock)
            let store = harness.store
            let start = clock.now()
            // Acme's alerts for 30 minutes of the daemon's clock; Globex's for 10 hours (never Acme's).
            let acme = try await store.addSilence(Silence(
                rule: "acme-above-4t", entity: "acme", startsAt: start, endsAt: start + 30 * 60_000, comment: "earnings",
                createdBy: "test", createdAt: start))
            _ = try await store.addSilence(Silence(
                rule: "acme-above-4t", entity: "globex", startsAt: start, endsAt: start + 10 * 3_600_000, comment: "other",
                createdBy: "test", createdAt: start))
            await harness.start()
            await harness.advance(by: .seconds(120))
            #expect(await fixture.levels("acme") == ["3500000000000"])

            // Within the silence: the state moves and is recorded, nothing is queued or sent.
            level.withLock { $0 = ("4.2", 2) }
            await harness.advance(by: .seconds(120))
            level.withLock { $0 = ("3.7", 3) }
            await harness.advance(by: .seconds(120))
            #expect(try await Self.history(store) == ["firing muted by \(acme.id)", "resolved muted by \(acme.id)"])
            #expect(try await store.alertState(rule: "acme-above-4t", entity: "acme")?.state == "resolved")
            #expect(try await store.dueWebhooks(now: clock.now() + 86_400_000, limit: 10).isEmpty)

            // Past its end (30 minutes after it started) it mutes nothing, without anyone touching it.
            await harness.advance(by: .seconds(30 * 60 - 360), step: .seconds(60))
            #expect(clock.now() >= start + 30 * 60_000)
            level.withLock { $0 = ("4.3", 4) }
            await harness.advance(by: .seconds(120))
            #expect(try await Self.history(store).last == "firing sent")
            #expect(await eventually(timeout: .seconds(30)) {
                fixture.server.requestCount("/hook") == 1 && fixture.server.requestCount("/slack") == 1
            })

            // A silence of every entity, expired by hand before its end: muting stops at once.
            let all = try await store.addSilence(Silence(
                rule: "acme-above-4t", startsAt: clock.now(), endsAt: clock.now() + 10 * 3_600_000, comment: "all",
                createdBy: "test", createdAt: clock.now()))
            level.withLock { $0 = ("3.6", 5) }
            await harness.advance(by: .seconds(120))
            #expect(try await Self.history(store).last == "resolved muted by \(all.id)")
            _ = try await store.expireSilence(id: all.id, at: clock.now())
            level.withLock { $0 = ("4.4", 6) }
            await harness.advance(by: .seconds(120))
            #expect(try await Self.history(store) == [
                "firing muted by \(acme.id)", "resolved muted by \(acme.id)", "firing sent", "resolved muted by \(all.id)",
                "firing sent",
            ])
            #expect(await eventually(timeout: .seconds(30)) {
                fixture.server.requestCount("/hook") == 2 && fixture.server.requestCount("/slack") == 2
            })
            let states = fixture.server.requests("/hook").map {
                ((try? JSONSerialization.jsonObject(with: Data($0.body))) as? [String: Any])?["value"] as? String
            }
            #expect(states == ["4300000000000", "4400000000000"])
            await harness.stop()
        }
    }

    @Test("figwatch silence add, list and expire work while the daemon runs; a muted crossing is recorded and logged, not sent")
    func commandsBesideTheDaemon() async throws {
        try await DaemonFixture.with { fixture in
            fixture.server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "3.5", day: 1)))
            fixture.server.route("/hook", .status(204))
            fixture.server.route("/slack", .text("ok", contentType: "text/plain"))
            try fixture.writeConfig(sources: [("acme", "/acme", "page")], extra: Self.ruleWithReceivers(fixture))
            let daemon = try fixture.start()
            defer { daemon.signal(SIGKILL) }
            #expect(await eventually(timeout: .seconds(10)) { await fixture.levels("acme").count == 1 }, "log: \(daemon.log.suffix(5))")
            let config = ["--config", fixture.configPath]

            // The daemon holds the writer lock; the command writes beside it. "Acme" is an alias.
            let add = try CommandRun.figwatch(
                ["silence", "add", "--rule", "acme-above-4t", "--entity", "Acme", "--for", "1h", "--comment", "earnings call"] + config)
            #expect(add.status == 0, "\(add.stderr)")
            #expect(add.stdout.hasPrefix("silence 1: acme-above-4t for acme until "), "\(add.stdout)")
            let listed = try CommandRun.figwatch(["silence", "list", "--format", "json"] + config)
            let row = (try? JSONSerialization.jsonObject(with: Data(listed.stdout.utf8))) as? [String: Any] ?? [:]
            #expect(row["id"] as? Int == 1 && row["rule"] as? String == "acme-above-4t" && row["entity"] as? String == "acme")
            #expect(row["state"] as? String == "active" && row["comment"] as? String == "earnings call")
            #expect(row["expired_at"] is NSNull)
            #expect((row["created_by"] as? String)?.isEmpty == false)
            let startsAt = (row["starts_at"] as? String).flatMap(Timestamp.parse) ?? 0
            let endsAt = (row["ends_at"] as? String).flatMap(Timestamp.parse) ?? 0
            #expect(endsAt - startsAt == 3_600_000, "\(listed.stdout)")
            #expect((row["ends_at"] as? String)?.hasSuffix("Z") == true)

            // The crossing: recorded and logged with the silence, nothing queued or sent.
            fixture.server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "4.2", day: 2)))
            #expect(await daemon.waitForRecord(timeout: .seconds(15)) { $0["event"] == "alert" && $0["state"] == "firing" })
            let firing = daemon.records.first { $0["event"] == "alert" && $0["state"] == "firing" }
            #expect(firing?["silence"] == "1")
            #expect(firing?["msg"]?.hasSuffix("(muted by silence 1)") == true, "\(firing ?? [:])")
            let json = try CommandRun.figwatch(["alerts", "--format", "json"] + config)
            #expect(json.stdout.contains(#""state":"firing""#) && json.stdout.contains(#""silence":1"#), "\(json.stdout)")
            let table = try CommandRun.figwatch(["alerts"] + config)
            #expect(table.stdout.contains("MUTED") && table.stdout.contains("silence 1"), "\(table.stdout)")
            let reader = try SQLiteStore(path: fixture.storePath, access: .readOnly)
            #expect(try await reader.dueWebhooks(now: Int64.max / 2, limit: 10).isEmpty)

            // Expired while the daemon runs: the fall back is sent.
            let expire = try CommandRun.figwatch(["silence", "expire", "1"] + config)
            #expect(expire.status == 0, "\(expire.stderr)")
            #expect(expire.stdout.contains("silence 1 expired"), "\(expire.stdout)")
            #expect(try CommandRun.figwatch(["silence", "list"] + config).stdout == "no active silences\n")
            let all = try CommandRun.figwatch(["silence", "list", "--all"] + config)
            #expect(all.stdout.contains("expired") && all.stdout.contains("earnings call"), "\(all.stdout)")
            fixture.server.route("/acme", .text(DaemonFixture.page("Acme", trillions: "3.7", day: 3)))
            #expect(await eventually(timeout: .seconds(15)) {
                fixture.server.requestCount("/hook") == 1 && fixture.server.requestCount("/slack") == 1
            }, "log: \(daemon.log.suffix(5))")
            let body = (try? JSONSerialization.jsonObject(with: Data(fixture.server.requests("/hook")[0].body))) as? [String: Any]
            #expect(body?["state"] as? String == "resolved")
            #expect(await daemon.waitForRecord(timeout: .seconds(10)) { $0["event"] == "alert" && $0["state"] == "resolved" })
            #expect(daemon.records.first { $0["event"] == "alert" && $0["state"] == "resolved" }?["silence"] == nil)

            // Again, and an id that is not there.
            let again = try CommandRun.figwatch(["silence", "expire", "1"] + config)
            #expect(again.status == 0 && again.stdout.contains("already expired"), "\(again.stdout)")
            let unknown = try CommandRun.figwatch(["silence", "expire", "42"] + config)
            #expect(unknown.status == 1)
            #expect(unknown.stderr == "figwatch: no silence 42 in the store (figwatch silence list --all lists them)\n")
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(10)) == 0)
        }
    }

    @Test("silence add refuses, with one line and its exit status, what would mute nothing or cannot be stored", arguments: [
        (["--rule", "nosuch", "--for", "1h", "--comment", "c"], 64, "no alert rule 'nosuch' in "),
        (["--rule", "acme-above-4t", "--entity", "initech", "--for", "1h", "--comment", "c"], 64, "no entity 'initech' in "),
        (["--rule", "acme-above-4t", "--entity", "globex", "--for", "1h", "--comment", "c"], 64,
         "'acme-above-4t' watches only entity 'acme': a silence for 'globex' would mute nothing"),
        (["--rule", "acme-above-4t", "--for", "5x", "--comment", "c"], 64, "--for '5x' is not a duration (30m, 24h, 7d, 1h30m)"),
        (["--rule", "acme-above-4t", "--for", "0s", "--comment", "c"], 64, "--for '0s' is not a duration"),
        (["--rule", "acme-above-4t", "--for", "1h", "--comment", "  "], 64, "--comment is empty"),
        (["--rule", "acme-above-4t", "--for", "1h", "--comment", "c"], 1, "no store at "),
    ])
    func addRefusals(arguments: [String], status: Int32, message: String) async throws {
        try await DaemonFixture.with { fixture in
            try fixture.writeConfig(sources: [("acme", "/acme", "page")], extra: DaemonFixture.aboveRule)
            let run = try CommandRun.figwatch(["silence", "add"] + arguments + ["--config", fixture.configPath])
            #expect(run.status == status, "\(run.stderr)")
            #expect(run.stderr.hasPrefix("figwatch: " + message), "\(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1)
            #expect(!FileManager.default.fileExists(atPath: fixture.storePath))
        }
    }

    @Test("a configuration that does not load is exit 78, before the store is touched")
    func badConfiguration() throws {
        let run = try CommandRun.figwatch(
            ["silence", "add", "--rule", "r", "--for", "1h", "--comment", "c", "--config", "/nonexistent/figwatch.yaml"])
        #expect(run.status == 78)
        #expect(run.stderr.contains("/nonexistent/figwatch.yaml"), "\(run.stderr)")
    }
}
