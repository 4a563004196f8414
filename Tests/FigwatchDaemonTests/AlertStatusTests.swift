import FigwatchConfig
import FigwatchCore
import FigwatchStore
import FigwatchTestSupport
import Foundation
import Logging
import Testing

@testable import FigwatchDaemon

/// The daemon's alert pass feeds each rule only figures of its statuses (`status:`, current by default):
/// "could reach" must not fire a rule written for facts, and a rule asking for forecasts gets them.
@Suite("Daemon alert rules and figure statuses")
struct AlertStatusTests {
    static let september3: Int64 = 1_756_857_600_000

    @Test("a forecast fires only the rule that asks for forecasts; the fact that follows fires the default rule")
    func rulesReadTheirStatuses() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("figwatch-alert-status-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let configPath = directory.appendingPathComponent("figwatch.yaml").path
        try """
            storage:
              path: figwatch.sqlite
            entities:
              - {id: acme, name: Acme Corp}
            alerts:
              - {id: facts, entity: acme, metric: market_cap, above: "$4tn"}
              - {id: forecasts, entity: acme, metric: market_cap, above: "$4tn", status: forecast}
              - {id: either, entity: acme, metric: market_cap, above: "$4tn", status: [current, forecast]}
            """.write(toFile: configPath, atomically: true, encoding: .utf8)
        let configuration = try ConfigLoader.standard.load(path: configPath)
        let store = try SQLiteStore(path: configuration.storage.path)
        let logger = Logger(label: "figwatch-test")
        let clock = TestClock(now: Self.september3)
        let engine = AlertEngine(
            configuration: configuration, store: store, delivery: AlertDelivery(logger: logger), logger: logger, clock: clock)
        // New rules start at the end of the record.
        await engine.evaluate()

        func report(_ value: String, _ status: FigureStatus, hour: Int64) async throws {
            let time = Self.september3 + hour * 3_600_000
            let figure = Figure(
                entity: "acme", metric: .marketCap, kind: .level, value: ExactDecimal(value)!, currency: "USD",
                text: value, sentence: "Acme \(status.rawValue) \(value).", offset: 0, lang: "en", status: status)
            _ = try await store.append(
                page: PageRecord(url: "https://news.example/\(hour)", contentHash: "\(hour)", publishedAt: time, fetchedAt: time),
                figures: [figure], sourceID: nil)
            clock.advance(to: time)
            await engine.evaluate()
        }
        func fired() async throws -> [String] {
            try await store.alertHistory(since: nil).map { "\($0.rule) \($0.state) \($0.value?.description ?? "-")" }
        }

        try await report("4500000000000", .forecast, hour: 1)  // "could reach $4.5 trillion"
        // Rules run in the configuration's order within a pass; passes in time order.
        #expect(try await fired() == ["forecasts firing 4500000000000", "either firing 4500000000000"])
        try await report("3000000000000", .past, hour: 2)  // an older value: read by no rule here
        #expect(try await fired().count == 2)
        try await report("4100000000000", .current, hour: 3)  // now a fact
        #expect(try await fired() == [
            "forecasts firing 4500000000000", "either firing 4500000000000", "facts firing 4100000000000",
        ])
    }
}
