import CMalloc
import Foundation

/// glibc allocator settings for a daemon that runs for months on many threads.
///
/// glibc gives a thread that finds the arena it used locked a new arena, up to eight per core, and
/// every arena keeps its own free chunks. The daemon's work hops across Dispatch worker threads
/// (GRDB's queues, the parse queue) and the concurrency pool: 31 to 38 threads and all 16 arenas
/// of a 2-core machine in use at the 1,000-source benchmark, with 11 MB of 25 MB held free in them.
/// Two arenas keep contention low on the few cores a daemon like this gets, and a periodic trim
/// returns what a burst (a large page, a backlog) left free, instead of keeping it for good.
///
/// Since the trim is periodic, glibc's own trimming on every `free` is turned down: by default it
/// returns the top of the heap to the kernel as soon as 128 KiB lie free there, and serves anything
/// from 128 KiB up with a fresh `mmap`. A fetched page (100 KiB to a few MiB) then costs a round of
/// page faults and an `munmap` per fetch, which perf showed as the fetcher's main cost beside the copy
/// of the body (`figwatch-bench fetch`). Bodies up to 4 MiB now reuse heap memory, and what they
/// leave free goes back at the next periodic trim.
///
/// All are no-ops on a C library other than glibc. An operator's own `MALLOC_ARENA_MAX` or
/// `GLIBC_TUNABLES` wins over all of them.
public enum MallocTuning {
    static let arenas: Int32 = 2
    /// Allocations from this size up get an `mmap` of their own.
    static let mmapThreshold = 4 << 20
    /// Free memory at the top of the heap beyond this goes back to the kernel at once (else at the
    /// periodic trim).
    static let trimThreshold = 4 << 20
    /// How often the scheduler loop trims (milliseconds).
    static let trimInterval: Int64 = 10_000

    /// Call first thing in `main`, before any other thread starts: arenas are created as threads first
    /// allocate, and the cap does not take back those already made. The benchmarks call it too, so
    /// that they measure the process the daemon runs.
    public static func configure(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard environment["MALLOC_ARENA_MAX"] == nil, environment["GLIBC_TUNABLES"] == nil else { return }
        _ = fw_malloc_set_arena_max(arenas)
        setThresholds()
    }

    static func setThresholds() {
        _ = fw_malloc_set_thresholds(mmapThreshold, trimThreshold)
    }

    /// Returns free memory of every arena to the kernel (a walk of the free lists: well under a
    /// millisecond for the daemon's heap of tens of MB).
    static func trim() {
        _ = fw_malloc_trim()
    }
}
