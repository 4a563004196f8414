import CMalloc
import Glibc
import Testing

@testable import FigwatchDaemon

/// The allocator settings the daemon applies at start-up (`MallocTuning`), checked on glibc itself.
@Suite("Allocator settings")
struct MallocTuningTests {
    @Test("page bodies up to 4 MiB reuse heap memory; larger ones get an mmap of their own")
    func thresholds() throws {
        // Only the thresholds: two arenas would slow the other tests running in this process.
        MallocTuning.setThresholds()
        // glibc's default threshold is 128 KiB, raised to the size of any mmapped block freed (up to
        // 32 MiB): without the fixed threshold the 2 MiB block is mmapped, or the 6 MiB one is not.
        let page = try #require(malloc(2 << 20))
        #expect(fw_malloc_is_mapped(page) == 0, "a 2 MiB body was given an mmap of its own")
        free(page)
        let huge = try #require(malloc(6 << 20))
        #expect(fw_malloc_is_mapped(huge) == 1, "a 6 MiB body was not given an mmap of its own")
        free(huge)
    }
}
