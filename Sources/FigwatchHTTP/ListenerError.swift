/// What can go wrong with the HTTP listener: one error type for the module (STYLE §3).
public struct ListenerError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The address could not be bound (in use, not permitted, not an address of this machine).
        case bindFailed = "bind_failed"
        /// The server stopped on its own.
        case stopped
    }

    public var code: Code
    public var message: String
    public var underlying: (any Error)?

    init(_ code: Code, _ message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String { message }
}
