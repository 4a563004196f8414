import FigwatchCore
import FigwatchReport

let september3: Int64 = 1_756_857_600_000
let day: Int64 = 86_400_000

func point(
    _ id: Int64, _ time: Int64, _ value: String, _ currency: String? = "USD", kind: FigureKind = .level,
    bound: Bound = .exact, status: FigureStatus = .current, sources: Int = 1, url: String = "https://www.reuters.com/markets/a",
    sentence: String = "A sentence."
) -> SeriesPoint {
    SeriesPoint(
        id: id, entity: "alibaba", metric: .marketCap, kind: kind, value: ExactDecimal(value)!, currency: currency,
        bound: bound, status: status, time: time, sourceCount: sources, firstSourceURL: url,
        provenance: .init(publishedAt: time, observedAt: time + 60_000, sentence: sentence, offset: 0))
}

/// Alibaba in HKD and CNY, with a change: the shape of the worked examples in docs/FIGURES.md.
let mixedSeries: [SeriesPoint] = [
    point(1, september3, "3600000000000", "HKD", sources: 2, url: "https://www.163.com/dy/article/A.html"),
    point(2, september3 + 2 * day, "400000000000", "HKD", kind: .change, bound: .atLeast),
    point(3, september3 + 3 * day, "4000000000000", "HKD", bound: .atLeast),
    point(4, september3 + 5 * day, "3700000000000", "CNY", bound: .approx),
    point(5, september3 + 8 * day, "4200000000000", "HKD", bound: .atMost),
    point(6, september3 + 9 * day, "-300000000000", "HKD", kind: .change),
]

let rates = FXRates(rates: ["USD": ExactDecimal(1), "HKD": ExactDecimal("7.78")!, "CNY": ExactDecimal("7.13")!])
