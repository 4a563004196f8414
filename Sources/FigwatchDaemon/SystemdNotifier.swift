import CSystemd
import Foundation

/// Talks to systemd's notification socket (`$NOTIFY_SOCKET`) through libsystemd.
///
/// Outside systemd (no `NOTIFY_SOCKET`) every call is a cheap no-op, so the daemon
/// calls it unconditionally.
public struct SystemdNotifier: Sendable {
    public let isEnabled: Bool

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        isEnabled = environment["NOTIFY_SOCKET"].map { !$0.isEmpty } ?? false
    }

    public func send(_ state: String) {
        guard isEnabled else { return }
        _ = fw_notify(0, state)
    }

    public func ready(status: String) { send("READY=1\nSTATUS=\(status)") }

    /// `RELOADING=1` with the monotonic time, as `Type=notify-reload` and newer systemd expect.
    public func reloading() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let usec = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
        send("RELOADING=1\nMONOTONIC_USEC=\(usec)")
    }

    public func reloaded(status: String) { send("READY=1\nSTATUS=\(status)") }
    public func stopping() { send("STOPPING=1\nSTATUS=stopping") }
    public func status(_ text: String) { send("STATUS=\(text)") }
    /// Pinged by the scheduler loop once a second, whatever `WatchdogSec=` is (any sensible value is
    /// longer), and only while the loop runs.
    public func watchdog() { send("WATCHDOG=1") }
}
