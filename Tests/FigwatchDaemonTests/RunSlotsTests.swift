import Testing

@testable import FigwatchDaemon

/// The bound on source runs in flight: in all, and per host.
struct RunSlotsTests {

    @Test func limitsAreTwiceWhatTheFetcherRunsAtOnce() {
        let slots = RunSlots(concurrency: 16, perHostConcurrency: 2)
        #expect(slots.total == 32)
        #expect(slots.perHost == 4)
    }

    @Test func oneHostCannotTakeEverySlot() {
        var slots = RunSlots(concurrency: 16, perHostConcurrency: 2)
        for n in 0..<4 {
            #expect(slots.hasRoom(forHost: "busy.example"))
            slots.take("busy-\(n)", host: "busy.example")
        }
        #expect(!slots.hasRoom(forHost: "busy.example"))
        #expect(slots.hasRoom(forHost: "quiet.example"))
        slots.release("busy-2")
        #expect(slots.hasRoom(forHost: "busy.example"))
        #expect(slots.count == 3)
    }

    @Test func theTotalBoundsEveryHost() {
        var slots = RunSlots(concurrency: 2, perHostConcurrency: 8)
        for n in 0..<4 { slots.take("s\(n)", host: "h\(n)") }
        #expect(!slots.hasRoom(forHost: "another.example"))
        slots.release("s0")
        #expect(slots.hasRoom(forHost: "another.example"))
    }

    @Test func takingTwiceOrReleasingAStrangerChangesNothing() {
        var slots = RunSlots(concurrency: 1, perHostConcurrency: 1)
        slots.take("a", host: "h")
        slots.take("a", host: "h")
        slots.release("never-taken")
        #expect(slots.count == 1)
        #expect(slots.contains("a"))
        slots.release("a")
        #expect(slots.isEmpty)
        #expect(slots.hasRoom(forHost: "h"))
    }

    @Test func aReloadWithLowerLimitsKeepsRunsButStartsNoMore() {
        var slots = RunSlots(concurrency: 4, perHostConcurrency: 4)
        for n in 0..<6 { slots.take("s\(n)", host: "h") }
        slots.resize(concurrency: 1, perHostConcurrency: 1)
        #expect(slots.count == 6)
        #expect(!slots.hasRoom(forHost: "other"))
        // Two slots in all now: nothing starts until fewer than two runs are left.
        for n in 0..<4 { slots.release("s\(n)") }
        #expect(!slots.hasRoom(forHost: "other"))
        slots.release("s4")
        #expect(slots.hasRoom(forHost: "other"))
        #expect(slots.hasRoom(forHost: "h"))
    }

    @Test(arguments: [
        ("https://News.Example.ORG/a?b=1", "news.example.org"),
        ("http://127.0.0.1:8080/page", "127.0.0.1"),
        ("file:///var/lib/pages/a.html", ""),
    ])
    func runsAreCountedByHost(url: String, key: String) {
        #expect(RunSlots.hostKey(of: url) == key)
    }
}
