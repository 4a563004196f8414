/// Every source's schedule by id, with their due times also kept in a min-heap, so that finding the
/// sources due now costs O(log n) for each one taken instead of a look at every source (which, with a
/// thousand sources refilling their slots hundreds of times a second, was 7% of the daemon's CPU).
///
/// Setting a schedule pushes its due time. An entry a later change made stale (the schedule moved or
/// went) is not searched for; it is dropped when it reaches the top. A schedule moved away and back
/// leaves two equal entries, both current; taking one drops its twin, which is then next at the top.
/// The heap is rebuilt when stale entries outnumber live ones, so modes that never take from it
/// (`--once`, shared stores) stay small.
struct SourceSchedules {
    /// A due time as pushed: current while the schedule of `id` still says `at`.
    struct Entry: Equatable {
        var at: Int64
        var id: String
    }

    private var byID: [String: SourceSchedule] = [:]
    private var heap: [Entry] = []

    init(_ schedules: [String: SourceSchedule] = [:]) {
        byID = schedules
        rebuild()
    }

    subscript(id: String) -> SourceSchedule? {
        get { byID[id] }
        set {
            byID[id] = newValue
            if let newValue { push(Entry(at: newValue.nextDue, id: id)) }
        }
    }

    var count: Int { byID.count }

    /// Takes the earliest current entry due at `now`, or nil when none is.
    mutating func popDue(now: Int64) -> Entry? {
        dropStaleTop()
        guard let top = heap.first, top.at <= now else { return nil }
        repeat { removeTop() } while heap.first == top
        return top
    }

    /// The earliest current due time, whether passed or not.
    mutating func earliestDue() -> Int64? {
        dropStaleTop()
        return heap.first?.at
    }

    /// Puts back an entry `popDue` returned that could not be acted on yet.
    mutating func push(_ entry: Entry) {
        heap.append(entry)
        siftUp(heap.count - 1)
        if heap.count > 2 * byID.count + 64 { rebuild() }
    }

    // MARK: The heap

    private func isCurrent(_ entry: Entry) -> Bool { byID[entry.id]?.nextDue == entry.at }

    private static func precedes(_ a: Entry, _ b: Entry) -> Bool { a.at != b.at ? a.at < b.at : a.id < b.id }

    private mutating func dropStaleTop() {
        while let top = heap.first, !isCurrent(top) { removeTop() }
    }

    private mutating func rebuild() {
        heap = byID.map { Entry(at: $0.value.nextDue, id: $0.key) }
        var index = heap.count / 2
        while index > 0 {
            index -= 1
            siftDown(index)
        }
    }

    private mutating func removeTop() {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap[0] = last
        siftDown(0)
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.precedes(heap[child], heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            var first = parent
            let left = 2 * parent + 1, right = left + 1
            if left < heap.count, Self.precedes(heap[left], heap[first]) { first = left }
            if right < heap.count, Self.precedes(heap[right], heap[first]) { first = right }
            guard first != parent else { return }
            heap.swapAt(parent, first)
            parent = first
        }
    }
}
