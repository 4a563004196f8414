import Synchronization

/// What `/readyz` and the dashboard's caches need to know of the daemon's progress, reported by the
/// daemon as it goes (through `FigwatchMetrics`): whether a source run has finished since start, and
/// a generation that grows whenever figures are stored.
public final class DaemonReadiness: Sendable {
    public static let shared = DaemonReadiness()

    private struct State {
        var runsFinished = 0
        var figureGeneration = 0
        var entityGenerations: [String: Int] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public func runFinished() { state.withLock { $0.runsFinished += 1 } }
    /// Figures of `entities` were stored (figures of no watched entity count for none).
    public func figuresChanged(entities: Set<String>) {
        state.withLock { state in
            state.figureGeneration += 1
            for entity in entities { state.entityGenerations[entity, default: 0] += 1 }
        }
    }

    public var runsFinished: Int { state.withLock { $0.runsFinished } }
    /// Changes whenever this daemon stored figures: cached pages and gauges built before are stale.
    public var figureGeneration: Int { state.withLock { $0.figureGeneration } }
    /// Per entity, a count that changes whenever its figures were stored: what needs reading again.
    public var entityGenerations: [String: Int] { state.withLock { $0.entityGenerations } }
}
