import FigwatchConfig
import FigwatchStore

/// Scheduling the sources of a daemon of its own: due sources launched into free run slots, the longest
/// overdue first, and the `--once` queue. (On a shared store, claims decide instead:
/// `Daemon+SharedSources.swift`.) When a run ends, `Daemon+Results.swift` records it and reschedules.
extension Daemon {
    /// Launches due sources while slots are free, the longest overdue first, so a backlog is
    /// served in order and no source starves behind others.
    func launchDue(in group: inout TaskGroup<Event>) {
        guard slots.count < slots.total else { return }
        let now = clock.now()
        var hostBusy: [SourceSchedules.Entry] = []
        while slots.count < slots.total, let entry = schedules.popDue(now: now) {
            guard !slots.contains(entry.id), let source = sourceIndex[entry.id] else { continue }
            if slots.hasRoom(forHost: host(of: source)) { launch(source, in: &group) } else { hostBusy.append(entry) }
        }
        // Due, but their host has all its runs: they go first when its runs end.
        for entry in hostBusy { schedules.push(entry) }
    }

    /// `--once`: launches queued sources while slots are free; the rest stay queued, in order.
    func launch(_ queue: inout [Configuration.Source], in group: inout TaskGroup<Event>) {
        guard !queue.isEmpty else { return }
        var waiting: [Configuration.Source] = []
        for source in queue {
            if slots.hasRoom(forHost: host(of: source)) { launch(source, in: &group) } else { waiting.append(source) }
        }
        queue = waiting
    }

    func host(of source: Configuration.Source) -> String {
        hosts[source.id] ?? RunSlots.hostKey(of: source.url)
    }

    func launch(_ source: Configuration.Source, in group: inout TaskGroup<Event>) {
        slots.take(source.id, host: host(of: source))
        results.launched += 1
        let runner = self.runner
        let previous = states[source.id]
        group.addTask {
            .ran(source.id, await runner.run(source, previous: previous))
        }
    }
}
