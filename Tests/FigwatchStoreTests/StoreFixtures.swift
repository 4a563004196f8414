import FigwatchCore
import Foundation
import GRDB

@testable import FigwatchStore

/// A fresh directory under the system temporary directory for one test's store files, removed afterwards.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("figwatch-store-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
}

/// Leaves a store at `path` as an older figwatch would have: the migrations up to `lastApplied`, then `sql`.
func makeOldStore(at path: String, upTo lastApplied: String, _ sql: String) async throws {
    let old = try DatabasePool(path: path)
    try SQLiteStore.migrator.migrate(old, upTo: lastApplied)
    try await old.write { db in try db.execute(sql: sql) }
    try old.close()
}

/// 2025-09-03T00:00:00Z, the day of the Anthropic round in docs/FIGURES.md.
let september3: Int64 = 1_756_857_600_000
let hour: Int64 = 3_600_000
let day: Int64 = 86_400_000

func figure(
    _ entity: String?, _ metric: Metric = .marketCap, _ kind: FigureKind = .level, _ value: String,
    _ currency: String? = "USD", bound: Bound = .exact, alternates: [Alternate] = [],
    sentence: String = "A sentence about a figure."
) -> Figure {
    Figure(
        entity: entity, metric: metric, kind: kind, value: ExactDecimal(value)!, currency: currency, bound: bound,
        alternates: alternates, text: value, sentence: sentence, offset: 7, lang: "en")
}

func page(_ url: String, hash: String? = nil, published: Int64? = nil, fetched: Int64 = september3) -> PageRecord {
    PageRecord(url: url, contentHash: hash ?? "hash of \(url)", title: "Title of \(url)", language: "en",
               publishedAt: published, fetchedAt: fetched)
}

/// A market-cap level of `entity`.
func figure(_ entity: String?, value: String, _ currency: String? = "USD", sentence: String = "A sentence about a figure.")
    -> Figure
{
    figure(entity, .marketCap, .level, value, currency, sentence: sentence)
}
