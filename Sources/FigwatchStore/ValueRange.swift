import FigwatchCore

/// An inclusive range of exact values, either end open: `atLeast 4000000000000`, `atMost ...`, both.
public struct ValueRange: Sendable, Hashable {
    public var lower: ExactDecimal?
    public var upper: ExactDecimal?

    public init(lower: ExactDecimal? = nil, upper: ExactDecimal? = nil) {
        self.lower = lower
        self.upper = upper
    }

    public static func atLeast(_ value: ExactDecimal) -> ValueRange { ValueRange(lower: value) }
    public static func atMost(_ value: ExactDecimal) -> ValueRange { ValueRange(upper: value) }
}
