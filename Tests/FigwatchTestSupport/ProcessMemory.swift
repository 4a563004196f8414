import Foundation

/// A process's memory as the kernel reports it in `/proc/PID/status`, in bytes.
public enum ProcessMemory {
    /// The resident set now (`VmRSS`).
    public static func resident(pid: Int32) -> Int? { field("VmRSS:", pid: pid) }

    /// The most the resident set ever was (`VmHWM`): a bound on memory that needs no sampling.
    public static func peakResident(pid: Int32) -> Int? { field("VmHWM:", pid: pid) }

    private static func field(_ name: String, pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name) }),
            let kB = Int(line.dropFirst(name.count).split(whereSeparator: \.isWhitespace).first ?? "")
        else { return nil }
        return kB * 1024
    }
}
