import Foundation

/// Where the tests run.
public enum TestEnvironment {
    /// Under CI (`CI=true`, as root) every test whose setup needs something of the machine must run: a
    /// missing tool or privilege is a failure there, not a skip.
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
}
