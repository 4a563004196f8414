import FigwatchCore

/// The small integers that stand for a figure's metric, kind, bound (from v7,
/// `SQLiteStore.codeFigureFields`) and status (from v8, `SQLiteStore.addFigureStatus`) in the SQLite
/// store's `observations`, and the `figure_codes` table that names them
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

    static func code(_ status: FigureStatus) -> Int64 {
        switch status {
        case .current: 1
        case .past: 2
        case .forecast: 3
        }
    }

    // Codes back to cases, read once per row of a series: a switch, where a table in a global would
    // cost a lazy-initialisation check and a retain and release of its array per row.

    /// The metric of `code`; nil for a code no case has (a row figwatch did not write).
    static func metric(_ code: Int64) -> Metric? {
        switch code {
        case 1: .marketCap
        case 2: .valuation
        case 3: .funding
        case 4: .other
        default: nil
        }
    }

    static func kind(_ code: Int64) -> FigureKind? {
        switch code {
        case 1: .level
        case 2: .change
        default: nil
        }
    }

    static func bound(_ code: Int64) -> Bound? {
        switch code {
        case 1: .exact
        case 2: .approx
        case 3: .atLeast
        case 4: .atMost
        default: nil
        }
    }

    static func status(_ code: Int64) -> FigureStatus? {
        switch code {
        case 1: .current
        case 2: .past
        case 3: .forecast
        default: nil
        }
    }

    /// Every (field, code, name) as `figure_codes` holds it.
    static var rows: [(field: String, code: Int64, name: String)] {
        Metric.allCases.map { ("metric", code($0), $0.rawValue) }
            + FigureKind.allCases.map { ("kind", code($0), $0.rawValue) }
            + Bound.allCases.map { ("bound", code($0), $0.rawValue) }
            + FigureStatus.allCases.map { ("status", code($0), $0.rawValue) }
    }
}
