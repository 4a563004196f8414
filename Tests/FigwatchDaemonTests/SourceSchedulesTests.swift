import FigwatchTestSupport
import Testing

@testable import FigwatchDaemon

@Suite("Due times of the sources (min-heap)")
struct SourceSchedulesTests {
    static func schedule(_ due: Int64) -> SourceSchedule {
        SourceSchedule(interval: .seconds(60), nextDue: due, consecutiveFailures: 0)
    }

    /// Pops everything due at `now`, in order.
    static func drain(_ schedules: inout SourceSchedules, now: Int64) -> [String] {
        var ids: [String] = []
        while let entry = schedules.popDue(now: now) { ids.append(entry.id) }
        return ids
    }

    @Test func takesWhatIsDueEarliestFirstAndNothingLater() {
        var schedules = SourceSchedules(["c": Self.schedule(30), "a": Self.schedule(10), "late": Self.schedule(99)])
        schedules["b"] = Self.schedule(20)
        schedules["tie"] = Self.schedule(20)  // equal times go in id order
        #expect(schedules.earliestDue() == 10)
        #expect(Self.drain(&schedules, now: 50) == ["a", "b", "tie", "c"])
        #expect(schedules.earliestDue() == 99)
        #expect(schedules.popDue(now: 98) == nil)
        #expect(schedules.count == 5)  // taking a due time does not forget the schedule
    }

    @Test func aMovedOrRemovedScheduleLeavesNoStaleDueTime() {
        var schedules = SourceSchedules()
        schedules["a"] = Self.schedule(10)
        schedules["b"] = Self.schedule(20)
        schedules["a"] = Self.schedule(40)  // a run ended: due later
        schedules["b"] = nil  // removed
        #expect(schedules.earliestDue() == 40)
        #expect(Self.drain(&schedules, now: 30).isEmpty)
        #expect(Self.drain(&schedules, now: 40) == ["a"])
        #expect(schedules.earliestDue() == nil)
    }

    @Test func aScheduleSetBackToAnEarlierTimeIsTakenOnce() {
        // Two pushes of the same due time for one id are both current; only one may come out.
        var schedules = SourceSchedules()
        schedules["a"] = Self.schedule(10)
        schedules["a"] = Self.schedule(20)
        schedules["a"] = Self.schedule(10)
        schedules["b"] = Self.schedule(15)
        #expect(Self.drain(&schedules, now: 30) == ["a", "b"])
        #expect(schedules.earliestDue() == nil)
    }

    @Test func anEntryPutBackComesFirstAgain() {
        var schedules = SourceSchedules(["a": Self.schedule(10), "b": Self.schedule(20)])
        let busy = schedules.popDue(now: 25)
        #expect(busy?.id == "a")
        schedules.push(busy!)  // its host was busy
        #expect(Self.drain(&schedules, now: 25) == ["a", "b"])
    }

    @Test func staleEntriesDoNotPileUpWhenNothingTakesThem() {
        // `--once` and shared stores set schedules after every run but never take due times.
        var schedules = SourceSchedules()
        for round in 0..<10_000 {
            schedules["s\(round % 10)"] = Self.schedule(Int64(round))
        }
        #expect(Self.drain(&schedules, now: .max) == (9_990..<10_000).map { "s\($0 % 10)" })
    }

    /// With few distinct due times, schedules often move back to a time they had (see above).
    @Test(arguments: [1_000, 10]) func agreesWithSortingAfterRandomChanges(dueTimes: Int64) {
        var generator = SeededGenerator()
        var schedules = SourceSchedules()
        var truth: [String: Int64] = [:]
        for _ in 0..<2_000 {
            let id = "s\(Int.random(in: 0..<50, using: &generator))"
            if Int.random(in: 0..<5, using: &generator) == 0 {
                schedules[id] = nil
                truth[id] = nil
            } else {
                let due = Int64.random(in: 0..<dueTimes, using: &generator)
                schedules[id] = Self.schedule(due)
                truth[id] = due
            }
        }
        let now = dueTimes / 2
        let expected = truth.filter { $0.value <= now }.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map(\.key)
        #expect(Self.drain(&schedules, now: now) == expected, "\(generator)")
    }
}
