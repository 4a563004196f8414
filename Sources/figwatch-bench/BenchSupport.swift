import FigwatchTestSupport
import Foundation

/// What every benchmark area shares: one line per measured figure, beside its target.
enum Bench {
    /// Whether the `figwatch` binary the daemon areas run is built; says the area is skipped when not.
    static func daemonBuilt() -> Bool {
        guard FileManager.default.isExecutableFile(atPath: BuiltProduct.figwatch.path) else {
            print("  skipped: \(BuiltProduct.figwatch.path) not built (make bench builds it)")
            return false
        }
        return true
    }

    /// `  what: measured | target T | met` (or `NOT MET`; `-` for a comparison without a target).
    static func report(_ what: String, _ measured: String, target: String, met: Bool?) {
        let verdict = met.map { $0 ? "met" : "NOT MET" } ?? "-"
        say("  \(what): \(measured) | target \(target) | \(verdict)")
    }

    /// Prints `line` and flushes at once: stdout is block-buffered when redirected, and a long run
    /// should show each figure as soon as it is measured, in the order measured.
    static func say(_ line: String) {
        print(line)
        fflush(nil)  // every output stream (naming `stdout` is not concurrency-safe in Swift 6)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// User + system CPU seconds of this process: on a shared machine wall time alone overstates cost.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// User + system CPU seconds another process has used so far (fields 14 and 15 of /proc/PID/stat).
    static func cpuSeconds(pid: Int32) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // After the parenthesised command name: field 3 (state) onwards.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Resident set size of a process in kB, from /proc.
    static func rssKB(pid: Int32) -> Int? {
        statusKB(pid: pid, "VmRSS")
    }

    /// A kB figure of /proc/PID/smaps_rollup: `Pss` (resident memory with shared pages divided among
    /// the processes mapping them), `Private_Clean`, `Private_Dirty`, `Anonymous`.
    static func smapsKB(pid: Int32, _ field: String) -> Int? {
        guard let rollup = try? String(contentsOfFile: "/proc/\(pid)/smaps_rollup", encoding: .utf8) else { return nil }
        let line = rollup.split(separator: "\n").first { $0.hasPrefix(field + ":") }
        return line.flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") }
    }

    /// The memory the process itself made (Private_Dirty, in kB): its heap, stacks and every page of
    /// a mapping it wrote (anonymous memory is dirty once touched). Not the code and read-only data of
    /// the binary and of the Swift runtime, Foundation, libcurl's TLS, libxml2 and SQLite, which are
    /// clean pages of files: the kernel drops and rereads them, and other processes share them.
    static func privateKB(pid: Int32) -> Int? {
        smapsKB(pid: pid, "Private_Dirty")
    }

    /// A kB figure of /proc/PID/status: `VmRSS`, `RssAnon` (heap, stacks: the process's own memory),
    /// `RssFile` (mapped files, mostly shared libraries' code), `VmHWM`.
    static func statusKB(pid: Int32, _ field: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") }
        return line.flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") }
    }
}
