// figwatch-store-crasher STORE [START]: appends pages of 20 figures to STORE from four tasks at once,
// forever (so pages share group-committed transactions, as in the daemon), and writes
// `committed <url>` on standard output after each append returns. The store's crash test kills it with
// SIGKILL at random moments and then checks that every page it announced is in the store. Its first line
// says SQLite's threading mode (`sqlite multi-thread` as in the figwatch binary, or `sqlite serialized`).
import FigwatchCore
import FigwatchStore
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: figwatch-store-crasher STORE [START]\n".utf8))
    exit(64)
}
let start = arguments.count >= 3 ? Int(arguments[2]) ?? 0 : 0
SQLiteStore.useMultiThreadMode()  // as the figwatch binary runs
FileHandle.standardOutput.write(Data("sqlite \(SQLiteStore.connectionsTakeMutex ? "serialized" : "multi-thread")\n".utf8))
// The test opens the store between rounds to check it; its lock goes when that store object is
// released, which may be a moment after the test moves on. Wait for it a little, as a restarted
// daemon would wait for the one it replaces, instead of failing the round.
var opened: SQLiteStore?
var lastError: (any Error)?
for _ in 0..<50 {
    do {
        opened = try SQLiteStore(path: arguments[1])
        break
    } catch {
        lastError = error
        usleep(100_000)
    }
}
guard let store = opened else {
    FileHandle.standardError.write(Data("figwatch-store-crasher: \(lastError.map { "\($0)" } ?? "cannot open")\n".utf8))
    exit(1)
}

await appendForever(to: store, from: start, lanes: 4)

func appendForever(to store: SQLiteStore, from start: Int, lanes: Int) async {
    await withTaskGroup(of: Void.self) { group in
        for lane in 0..<lanes {
            group.addTask {
                var n = start + lane
                while true {
                    await appendPage(n, to: store)
                    n += lanes
                }
            }
        }
    }
}

func appendPage(_ n: Int, to store: SQLiteStore) async {
    let url = "https://crash\(n % 3).example.org/article/\(n)"
    let time: Int64 = 1_756_857_600_000 + Int64(n) * 60_000
    let page = PageRecord(url: url, contentHash: "hash-\(n)", title: "page \(n)", publishedAt: time, fetchedAt: time)
    let figures = (0..<20).map { i in
        Figure(
            entity: "entity-\(i % 4)", metric: .marketCap, kind: .level,
            value: ExactDecimal(significand: Int128(n * 100 + i), exponent: 6)!, currency: "USD",
            text: "\(n * 100 + i)m USD", sentence: "Entity \(i % 4) is worth \(n * 100 + i) million dollars.",
            offset: i * 40, lang: "en")
    }
    do {
        _ = try await store.append(page: page, figures: figures, sourceID: "crash")
    } catch {
        FileHandle.standardError.write(Data("figwatch-store-crasher: \(error)\n".utf8))
        exit(1)
    }
    // One write(2) per line, shorter than PIPE_BUF, so lines from the four tasks never interleave, and
    // nothing sits in a buffer when SIGKILL arrives.
    FileHandle.standardOutput.write(Data("committed \(url)\n".utf8))
}
