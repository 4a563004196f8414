import CMalloc
import FigwatchCore
import FigwatchExtract
import FigwatchFetch
import FigwatchTestSupport
import FigwatchText
import Foundation

/// Memory soak: 100,000 page fetches and extractions in one process, as months of a daemon's work
/// compressed. Target: RSS at the end within 10% of RSS after the first 10,000 (a leak of even a
/// few hundred bytes a page shows as tens of MB here).
///
/// Pages are the shared corpus's real pages when it is there (else generated articles), served by the
/// loopback server; each goes through `CurlFetcher`, `ArticleExtractor` and `FigureExtractor`.
/// Run: `swift build -c release --product figwatch-bench && .build/release/figwatch-bench soak`.
enum SoakBench {
    /// `FIGWATCH_SOAK_FETCHES` shortens a trial run; the warm-up stays a tenth of it.
    static let fetches = Int(ProcessInfo.processInfo.environment["FIGWATCH_SOAK_FETCHES"] ?? "") ?? 100_000
    static let warmUp = fetches / 10
    static let concurrency = 8

    static func run() async throws {
        let server = try await TestHTTPServer.start()
        let pages = try Self.pages()
        for (index, page) in pages.enumerated() {
            server.route("/p/\(index)", .respond(headers: [("Content-Type", "text/html")], body: page))
        }
        let fetcher = try CurlFetcher(options: FetchOptions(concurrency: concurrency, perHostConcurrency: concurrency))
        let extractor = FigureExtractor(entities: [
            Entity(id: "alibaba", name: "Alibaba Group", aliases: ["阿里巴巴", "阿里", "Alibaba"]),
            Entity(id: "tencent", name: "Tencent", aliases: ["腾讯", "Tencent"]),
            Entity(id: "apple", name: "Apple", aliases: ["苹果", "Apple"]),
            Entity(id: "nvidia", name: "Nvidia", aliases: ["英伟达", "Nvidia"]),
            Entity(id: "acme", name: "Acme Corp", aliases: ["Acme"]),
        ])
        let pid = getpid()
        let start = ContinuousClock.now
        let first = try await Self.batch(0..<warmUp, pages: pages.count, server: server, fetcher: fetcher, extractor: extractor)
        let afterWarmUp = Bench.rssKB(pid: pid) ?? 0
        let heapAfterWarmUp = fw_malloc_in_use()
        progress(warmUp, start: start)
        var rest = 0
        // In chunks of the warm-up's size, the server forgetting the requests it recorded after each:
        // both measurements then see the same number held (the first run of this bench grew 36% by
        // keeping all 100,000, about 400 bytes each).
        for chunk in stride(from: warmUp, to: fetches, by: warmUp) {
            server.resetCounters()
            rest += try await Self.batch(chunk..<min(chunk + warmUp, fetches), pages: pages.count, server: server,
                                         fetcher: fetcher, extractor: extractor)
            progress(min(chunk + warmUp, fetches), start: start)
        }
        let atEnd = Bench.rssKB(pid: pid) ?? 0
        let heapAtEnd = fw_malloc_in_use()
        // Leak or fragmentation: a leak grows the bytes in use; fragmentation grows only the free
        // bytes glibc holds, which malloc_trim hands back.
        _ = fw_malloc_trim()
        let afterTrim = Bench.rssKB(pid: pid) ?? 0
        let elapsed = ContinuousClock.now - start
        fetcher.shutdown()
        try await server.shutdown()

        let growth = Double(atEnd - afterWarmUp) / Double(max(afterWarmUp, 1))
        print("soak: \(fetches) fetches + extractions of \(pages.count) \(Corpus.isAvailable ? "corpus" : "generated") pages, "
            + "concurrency \(concurrency), \(String(format: "%.0f", Bench.seconds(elapsed))) s, \(first + rest) figures found")
        print("  command: swift build -c release --product figwatch-bench && .build/release/figwatch-bench soak")
        Bench.report("RSS after \(warmUp) -> after \(fetches)",
                     String(format: "%.1f MB -> %.1f MB (%+.1f%%)", Double(afterWarmUp) / 1024, Double(atEnd) / 1024, growth * 100),
                     target: "within 10%", met: abs(growth) <= 0.10)
        Bench.report("malloc heap in use after \(warmUp) -> after \(fetches) (a leak grows it)",
                     String(format: "%.1f MB -> %.1f MB", Double(heapAfterWarmUp) / 1_048_576, Double(heapAtEnd) / 1_048_576),
                     target: "comparison only", met: nil)
        Bench.report("RSS at the end after malloc_trim (fragmentation it gives back)",
                     String(format: "%.1f MB", Double(afterTrim) / 1024), target: "comparison only", met: nil)
    }

    /// One line per chunk, shown at once: RSS, the bytes malloc has in use, and the free bytes it
    /// holds, to tell a leak from fragmentation.
    private static func progress(_ done: Int, start: ContinuousClock.Instant) {
        let line = String(format: "soak: after %6d fetches: RSS %.1f MB, heap in use %.1f MB, held free %.1f MB, %.0f s",
                          done, Double(Bench.rssKB(pid: getpid()) ?? 0) / 1024, Double(fw_malloc_in_use()) / 1_048_576,
                          Double(fw_malloc_free_held()) / 1_048_576, Bench.seconds(ContinuousClock.now - start))
        Bench.say(line)
    }

    /// Fetches and extracts pages `range` (page `n % pages`), with a fixed set of worker tasks;
    /// returns the figures found.
    private static func batch(
        _ range: Range<Int>, pages: Int, server: TestHTTPServer, fetcher: CurlFetcher, extractor: FigureExtractor
    ) async throws -> Int {
        let workers = concurrency * 2
        return try await withThrowingTaskGroup(of: Int.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var found = 0
                    for n in stride(from: range.lowerBound + worker, to: range.upperBound, by: workers) {
                        let page = try await fetcher.fetch(FetchRequest(url: server.url("/p/\(n % pages)?n=\(n)")))
                        guard page.status == 200 else { throw SoakFailure(description: "HTTP \(page.status) for page \(n)") }
                        let article = try ArticleExtractor().article(fromHTML: page.body, contentType: page.contentType)
                        found += extractor.figures(in: article.text).count
                    }
                    return found
                }
            }
            return try await group.reduce(0, +)
        }
    }

    /// The corpus's pages, or 50 generated articles of about 6 KB each when it is not there.
    private static func pages() throws -> [[UInt8]] {
        if Corpus.isAvailable {
            let files = try Corpus.pages()
            if !files.isEmpty { return try files.map { Array(try Data(contentsOf: $0)) } }
        }
        return (0..<50).map { index in
            let filler = String(repeating: "<p>Analysts said demand remained strong across every region it sells in.</p>", count: 60)
            return Array("""
                <html><head><title>Acme \(index)</title></head><body><article><h1>Acme climbs</h1>
                <p>Acme's market value rose to $\(index % 9 + 1).\(index) trillion on Monday.</p>\(filler)</article></body></html>
                """.utf8)
        }
    }

    struct SoakFailure: Error, CustomStringConvertible {
        let description: String
    }
}
