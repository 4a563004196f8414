import Foundation

/// The process metrics client libraries usually export (`process_resident_memory_bytes`,
/// `process_cpu_seconds_total`, `process_open_fds` ...), read from `/proc/self`: swift-prometheus has
/// no collector for them.
struct ProcessStats: Sendable {
    var residentBytes: Double = 0
    var virtualBytes: Double = 0
    var cpuSeconds: Double = 0
    var openFDs: Double = 0
    var maxFDs: Double = 0
    var startTimeSeconds: Double = 0

    static let pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))
    static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))

    /// The current readings; a file that cannot be read leaves its fields at 0.
    static func read() -> ProcessStats {
        var stats = ProcessStats()
        if let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        {
            // Fields after "(comm)": state is field 3; utime 14, stime 15, starttime 22, vsize 23, rss 24.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            func field(_ n: Int) -> Double { fields.count > n - 3 ? Double(fields[n - 3]) ?? 0 : 0 }
            stats.cpuSeconds = (field(14) + field(15)) / ticksPerSecond
            stats.virtualBytes = field(23)
            stats.residentBytes = field(24) * pageSize
            stats.startTimeSeconds = bootTime() + field(22) / ticksPerSecond
        }
        stats.openFDs = Double((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0)
        if let limits = try? String(contentsOfFile: "/proc/self/limits", encoding: .utf8),
            let line = limits.split(separator: "\n").first(where: { $0.hasPrefix("Max open files") })
        {
            // "Max open files            1024                 524288               files"
            stats.maxFDs = line.dropFirst("Max open files".count).split(separator: " ").first.flatMap { Double($0) } ?? 0
        }
        return stats
    }

    /// `btime` of `/proc/stat`: the boot time, to which a process's start ticks are relative.
    static func bootTime() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        return 0
    }
}
