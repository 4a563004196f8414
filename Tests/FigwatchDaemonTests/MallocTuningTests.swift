import CMalloc
import Glibc
import Testing

@testable import FigwatchDaemon

/// The allocator settings the daemon applies at start-up (`MallocTuning`), checked on glibc itself.
@Suite("Allocator settings")
struct MallocTuningTests {
    @Test("a page body under 4 MiB is served from the heap, not by an mmap of its own")
    func bodiesComeFromTheHeap() throws {
        // Only the thresholds: two arenas would slow the other tests running in this process.
        MallocTuning.setThresholds()
        // glibc's default threshold is 128 KiB: without the daemon's, a fresh process mmaps this block
        // (and munmaps it on free, so the next page faults its memory in again).
        let page = try #require(malloc(2 << 20))
        defer { free(page) }
        #expect(fw_malloc_is_mapped(page) == 0, "a 2 MiB body was given an mmap of its own")
    }
}
