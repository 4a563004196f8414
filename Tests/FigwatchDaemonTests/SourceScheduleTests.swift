import Testing

@testable import FigwatchDaemon

/// Politeness, with explicit times: spread first runs, jitter, backoff, server hints.
struct SourceScheduleTests {
    static let minute: Int64 = 60_000

    @Test func firstRunsAreSpreadOverTheIntervalByID() {
        let dues = (0..<200).map { SourceSchedule(sourceID: "source-\($0)", interval: .seconds(900), now: 0).nextDue }
        #expect(dues.allSatisfy { (0..<(15 * Self.minute)).contains($0) })
        // Not a thundering herd: the 200 first runs fall in at least 12 of the 15 minutes.
        #expect(Set(dues.map { $0 / Self.minute }).count >= 12)
        // Stable across restarts (and processes): the same id gets the same offset.
        #expect(SourceSchedule(sourceID: "source-7", interval: .seconds(900), now: 0).nextDue == dues[7])
    }

    @Test(arguments: [(0.0, Int64(810_000)), (0.5, 900_000), (0.999_999, 989_999)])
    func successRunsAgainAfterAJitteredInterval(jitter: Double, expected: Int64) {
        var schedule = SourceSchedule(interval: .seconds(900), nextDue: 0, consecutiveFailures: 0)
        schedule.succeeded(at: 0, jitter: jitter)
        #expect(schedule.nextDue == expected)
    }

    @Test func failuresBackOffExponentiallyUpToSixHoursAndSuccessResets() {
        var schedule = SourceSchedule(interval: .seconds(900), nextDue: 0, consecutiveFailures: 0)
        var delays: [Int64] = []
        for _ in 0..<8 {
            schedule.failed(at: 0, jitter: 0.5)
            delays.append(schedule.nextDue / Self.minute)
        }
        #expect(delays == [15, 30, 60, 120, 240, 360, 360, 360])
        #expect(schedule.consecutiveFailures == 8)
        schedule.succeeded(at: 0, jitter: 0.5)
        #expect(schedule.consecutiveFailures == 0)
        #expect(schedule.nextDue == 15 * Self.minute)
    }

    @Test func retryAfterAndMaxAgeAreNeverOverruled() {
        var schedule = SourceSchedule(interval: .seconds(60), nextDue: 0, consecutiveFailures: 0)
        schedule.failed(at: 0, notBefore: 2 * 3_600_000, jitter: 0.5)   // 429 with Retry-After: 7200
        #expect(schedule.nextDue == 2 * 3_600_000)
        schedule.succeeded(at: 0, notBefore: 10 * Self.minute, jitter: 0.5)   // Cache-Control: max-age=600
        #expect(schedule.nextDue == 10 * Self.minute)
        schedule.succeeded(at: 0, notBefore: 1000, jitter: 0.5)   // a hint sooner than the interval changes nothing
        #expect(schedule.nextDue == Self.minute)
    }

    @Test func aLongIntervalIsNotShortenedByTheBackoffCap() {
        var schedule = SourceSchedule(interval: .seconds(86_400), nextDue: 0, consecutiveFailures: 0)
        schedule.failed(at: 0, jitter: 0.5)
        #expect(schedule.nextDue == 86_400_000)
    }

    @Test func aShorterIntervalOnReloadBringsTheNextRunCloser() {
        var schedule = SourceSchedule(interval: .seconds(3600), nextDue: 3_600_000, consecutiveFailures: 0)
        schedule.changeInterval(to: .seconds(60), now: 0)
        #expect(schedule.nextDue == Self.minute)
        schedule.changeInterval(to: .seconds(7200), now: 0)
        #expect(schedule.nextDue == Self.minute)   // a longer one does not push it away
    }
}

struct LogOutputTests {
    @Test(arguments: [("source", "FIGWATCH_SOURCE"), ("source.id", "FIGWATCH_SOURCE_ID"), ("alert-rule", "FIGWATCH_ALERT_RULE")])
    func journalFieldNames(key: String, field: String) {
        #expect(LogOutput.journalField(key) == field)
    }

    @Test func autoMeansJournalOnlyUnderSystemd() {
        #expect(LogOutput.resolve("auto", environment: ["JOURNAL_STREAM": "8:1234"]) == .journal)
        #expect(LogOutput.resolve("auto", environment: [:]) == .text)
        #expect(LogOutput.resolve("json", environment: ["JOURNAL_STREAM": "8:1234"]) == .json)
    }

    @Test func contentHashTellsBodiesApart() {
        let a = ContentHash.hex(Array("<p>市值3.2萬億</p>".utf8))
        #expect(a.count == 32)
        #expect(a == ContentHash.hex(Array("<p>市值3.2萬億</p>".utf8)))
        #expect(a != ContentHash.hex(Array("<p>市值3.3萬億</p>".utf8)))
        #expect(ContentHash.hex([]) != ContentHash.hex([0]))
    }
}
