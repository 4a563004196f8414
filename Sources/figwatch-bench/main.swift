// `make bench`: release-build benchmarks. Each area prints its figures beside its
// comparison and target, with the command that produced them.
// `figwatch-bench [AREA...]` runs only the areas named (fetch, store, ...).

import FigwatchDaemon
import FigwatchStore

// The allocator and SQLite as the figwatch binary sets them up (arenas, thresholds; SQLite's
// multi-thread mode), so the figures are the daemon's and the CLI's.
MallocTuning.configure()
SQLiteStore.useMultiThreadMode()

let areas: [(name: String, run: () async throws -> Void)] = [
    ("fetch", FetchBench.run),
    ("text", TextBench.run),
    ("extract", ExtractBench.run),
    ("store", StoreBench.run),
    ("daemon", DaemonBench.run),
    ("soak", SoakBench.run),
    ("postgres", PostgresBench.run),
    ("http", HTTPBench.run),
    ("notify", NotifyBench.run),
]
let wanted = Set(CommandLine.arguments.dropFirst())
let unknown = wanted.subtracting(areas.map(\.name))
if !unknown.isEmpty {
    print("figwatch-bench: unknown area \(unknown.sorted().joined(separator: ", ")); areas: \(areas.map(\.name).joined(separator: ", "))")
}
print("figwatch benchmarks (release build)")
for area in areas where wanted.isEmpty || wanted.contains(area.name) {
    try await area.run()
}
