import Foundation

/// Random inputs that can be replayed: a small deterministic generator (xorshift) whose seed is random
/// unless given, or set with `FIGWATCH_SEED=N`. Put the generator in a failing expectation's comment: its
/// description names the seed and how to run the test again with it.
///
/// ```swift
/// var generator = SeededGenerator()
/// let n = Int.random(in: 0..<50, using: &generator)
/// #expect(check(n), "\(generator)")
/// ```
public struct SeededGenerator: RandomNumberGenerator, CustomStringConvertible, Sendable {
    public let seed: UInt64
    private var state: UInt64

    public init(seed: UInt64? = nil) {
        let chosen = seed ?? ProcessInfo.processInfo.environment["FIGWATCH_SEED"].flatMap { UInt64($0) }
            ?? UInt64.random(in: 1...UInt64.max)
        self.seed = chosen
        state = chosen == 0 ? 0x9E37_79B9_7F4A_7C15 : chosen   // xorshift stays at zero forever
    }

    public mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    public var description: String { "random seed \(seed) (replay with FIGWATCH_SEED=\(seed))" }
}
