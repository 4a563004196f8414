import FigwatchTestSupport
import Foundation

/// One row of the fault matrix: a source served a fault, what the daemon must make of it, and
/// what it did.
struct FaultRow: Sendable {
    enum Expectation: Sendable {
        /// The source fails with a logged error containing this text, then recovers on a good page.
        case fails(String)
        /// Not an error of the source: the daemon reads it (or finds nothing in it) and stays well.
        case survives
    }

    let fault: String
    let id: String
    let type: String
    let expectation: Expectation
    let route: TestRoute

    init(_ fault: String, _ id: String, type: String = "page", _ expectation: Expectation, _ route: TestRoute) {
        self.fault = fault
        self.id = id
        self.type = type
        self.expectation = expectation
        self.route = route
    }

    var path: String { "/fault/\(id)" }

    var fails: Bool {
        if case .fails = expectation { return true }
        return false
    }
}

/// What one row showed, as the printed matrix reports it.
struct FaultResult: Sendable {
    var fault: String
    var stayedUp: Bool
    var healthyOnTime: Bool
    /// `nil` when the row is not an error of the source.
    var loggedOnce: Bool?
    var recovered: Bool?
    var peakRSS: Int
    var storeOK: Bool

    static func table(_ results: [FaultResult]) -> String {
        func mark(_ value: Bool?) -> String { value.map { $0 ? "yes" : "NO" } ?? "n/a" }
        let rows = [["fault", "stayed up", "healthy on time", "logged once", "recovered", "RSS MB", "store ok"]]
            + results.map {
                [$0.fault, mark($0.stayedUp), mark($0.healthyOnTime), mark($0.loggedOnce), mark($0.recovered),
                 String(format: "%.0f", Double($0.peakRSS) / 1_048_576), mark($0.storeOK)]
            }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.enumerated().map { index, row in
            let line = zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: " | ")
            return index == 0 ? line + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "-|-") : line
        }.joined(separator: "\n")
    }
}
