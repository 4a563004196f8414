import FigwatchCore

/// The small integers that stand for a figure's metric, kind and bound in the SQLite store's
/// `observations` (from v7, `SQLiteStore.codeFigureFields`), and the `figure_codes` table that names them
/// in the file, so that `sqlite3` users can join to it.
///
/// A code, once released, never changes meaning: it is in every store written since. A new case gets
/// the next free code here and, in the migration that introduces it, a row of `figure_codes` (the
/// tests check that the two agree).
enum FigureCodes {
    static func code(_ metric: Metric) -> Int64 {
        switch metric {
        case .marketCap: 1
        case .valuation: 2
        case .funding: 3
        case .other: 4
        }
    }

    static func code(_ kind: FigureKind) -> Int64 {
        switch kind {
        case .level: 1
        case .change: 2
        }
    }

    static func code(_ bound: Bound) -> Int64 {
        switch bound {
        case .exact: 1
        case .approx: 2
        case .atLeast: 3
        case .atMost: 4
        }
    }

    static let metrics = Table(Metric.allCases, code)
    static let kinds = Table(FigureKind.allCases, code)
    static let bounds = Table(Bound.allCases, code)

    /// Every (field, code, name) as `figure_codes` holds it.
    static var rows: [(field: String, code: Int64, name: String)] {
        Metric.allCases.map { ("metric", code($0), $0.rawValue) }
            + FigureKind.allCases.map { ("kind", code($0), $0.rawValue) }
            + Bound.allCases.map { ("bound", code($0), $0.rawValue) }
    }

    /// A code back to its case, by indexing: read once per row of a series.
    struct Table<Value: Sendable>: Sendable {
        private let byCode: [Value?]

        init(_ values: [Value], _ code: (Value) -> Int64) {
            var byCode = [Value?](repeating: nil, count: Int(values.map(code).max() ?? 0) + 1)
            for value in values { byCode[Int(code(value))] = value }
            self.byCode = byCode
        }

        /// The case of `code`; nil for a code no case has (a row figwatch did not write).
        func value(of code: Int64) -> Value? {
            guard code >= 0, code < byCode.count else { return nil }
            return byCode[Int(code)]
        }
    }
}
