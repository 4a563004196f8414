import FigwatchCore
/// The plot area of a chart and its two scales: time (UTC epoch milliseconds) across, money up,
/// with tick positions at round values (1, 2, 2.5, 5 × 10ⁿ; hours, days, weeks, months).
struct ChartFrame {
    let left: Double, right: Double, top: Double, bottom: Double
    let timeRange: ClosedRange<Int64>
    let valueTicks: [Double]
    let timeTicks: [Int64]
    private let timeStep: Int64

    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000
    static let timeSteps: [Int64] = [
        hour, 3 * hour, 6 * hour, 12 * hour, day, 2 * day, 7 * day, 14 * day, 30 * day, 91 * day, 182 * day, 365 * day,
        730 * day, 1826 * day,
    ]

    init(left: Double, right: Double, top: Double, bottom: Double, times: [Int64], values: [Double]) {
        self.left = left
        self.right = right
        self.top = top
        self.bottom = bottom

        var first = times.min() ?? 0
        var last = times.max() ?? Self.day
        if first == last {
            first -= Self.day
            last += Self.day
        }
        // A margin of 4% on each side keeps the first and last markers off the frame.
        let margin = max((last - first) / 25, 1)
        timeRange = (first - margin)...(last + margin)
        let span = timeRange.upperBound - timeRange.lowerBound
        timeStep = Self.timeSteps.first { span / $0 <= 7 } ?? Self.timeSteps.last!
        let firstTick = (timeRange.lowerBound / timeStep + 1) * timeStep
        timeTicks = Array(stride(from: firstTick, through: timeRange.upperBound, by: Int(timeStep)))

        var low = values.min() ?? 0
        var high = values.max() ?? 1
        if low == high {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= pad
            high += pad
        }
        // 5% headroom so that no marker sits on the frame.
        let headroom = (high - low) * 0.05
        low -= headroom
        high += headroom
        let step = Self.niceStep((high - low) / 5)
        let start = (low / step).rounded(.down) * step
        let end = (high / step).rounded(.up) * step
        valueTicks = Array(stride(from: start, through: end + step / 2, by: step))
    }

    func x(_ time: Int64) -> Double {
        let span = Double(timeRange.upperBound - timeRange.lowerBound)
        return left + Double(time - timeRange.lowerBound) / span * (right - left)
    }

    func y(_ value: Double) -> Double {
        guard let low = valueTicks.first, let high = valueTicks.last, high > low else { return (top + bottom) / 2 }
        return bottom - (value - low) / (high - low) * (bottom - top)
    }

    /// Dates for steps of a day or more, `MM-DD HH:MM` below.
    func timeLabel(_ time: Int64) -> String {
        if timeStep >= Self.day { return Timestamp.date(time) }
        let text = Timestamp.minutes(time)
        return String(text.dropFirst(5))
    }

    /// The round step (1, 2, 2.5 or 5 × 10ⁿ) nearest above `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        var power = 1.0
        while power * 10 <= raw { power *= 10 }
        while power > raw { power /= 10 }
        for factor in [1.0, 2.0, 2.5, 5.0, 10.0] where factor * power >= raw {
            return factor * power
        }
        return 10 * power
    }
}
