import CLibXML2
import FigwatchCore
import FigwatchTestSupport
import FigwatchText
import Foundation

/// Article-text throughput against libxml2's bare parse, on the corpus pages.
///
/// Both sides get the same already-decoded UTF-8 bytes (charset decoding is timed apart,
/// as its own line): "parse only" is `htmlReadMemory` + `xmlFreeDoc` with the options the
/// extractor uses; "article text" is `ArticleExtractor.article(fromDecoded:)`, which parses
/// too and then scores, renders and reads the metadata. Target: article text at least 0.7x
/// the bare parse, i.e. everything after parsing costs at most ~40% of the parse.
///
/// The build machine is shared, so times are this thread's CPU time
/// (`CLOCK_THREAD_CPUTIME_ID`), the two sides alternate round by round, and each side's
/// best round counts: other processes then inflate neither side.
enum TextBench {
    static let command = "swift build -c release --product figwatch-bench && .build/release/figwatch-bench text"
    static let target = 0.7
    static let rounds = 7

    static func run() async throws {
        print("text: HTML to article text vs libxml2 parse-only (\(command))")
        guard Corpus.isAvailable else {
            print("text: \(Corpus.skipReason)")
            return
        }
        // Corpus.pages() also lists readability's `*.expected.html` outputs: real pages only.
        let pages = try Corpus.pages().filter { !$0.lastPathComponent.contains(".expected.") }
            .map { Array(try Data(contentsOf: $0)) }
        let rawBytes = pages.reduce(0) { $0 + $1.count }

        var decoded: [CharsetDecoder.Decoded] = []
        let decodeSeconds = try time {
            decoded = try pages.map { try CharsetDecoder.decode($0) }
        }
        let utf8Bytes = decoded.reduce(0) { $0 + $1.utf8.count }
        let megabytes = Double(utf8Bytes) / 1_048_576

        // Warm up both paths (page cache, iconv modules, libxml2 tables).
        for page in decoded { _ = try ArticleExtractor().article(fromDecoded: page) }

        var parseSeconds = Double.infinity
        var articleSeconds = Double.infinity
        var characters = 0
        for _ in 0..<rounds {
            parseSeconds = min(parseSeconds, time {
                for page in decoded { parseOnly(page.utf8) }
            })
            characters = 0
            articleSeconds = min(articleSeconds, try time {
                for page in decoded { characters += try ArticleExtractor().article(fromDecoded: page).text.utf8.count }
            })
        }
        let parseRate = megabytes / parseSeconds
        let articleRate = megabytes / articleSeconds
        let ratio = articleRate / parseRate
        print("text: \(pages.count) pages, \(format(Double(rawBytes) / 1_048_576)) MB as fetched, \(format(Double(utf8Bytes) / 1_048_576)) MB as UTF-8, best of \(rounds) rounds, thread CPU time")
        print("text: charset decision + decoding  \(format(Double(rawBytes) / 1_048_576 / decodeSeconds)) MB/s")
        print("text: libxml2 parse only           \(format(parseRate)) MB/s")
        print("text: article text (parse+extract) \(format(articleRate)) MB/s = \(format(ratio))x parse-only (target >= \(target)x) \(ratio >= target ? "PASS" : "MISS")")
        print("text: article text out: \(format(Double(characters) / Double(utf8Bytes) * 100))% of the UTF-8 input bytes")
    }

    /// What the extractor's parse does, and nothing else.
    static func parseOnly(_ utf8: [UInt8]) {
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
                | XML_PARSE_HUGE.rawValue)
        utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let document = htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", options) {
                    xmlFreeDoc(document)
                }
            }
        }
    }

    /// CPU seconds this thread spends in `body`.
    static func time(_ body: () throws -> Void) rethrows -> Double {
        func now() -> Double {
            var spec = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
            return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
        }
        let start = now()
        try body()
        return now() - start
    }

    static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}
