import FigwatchCore

/// The points of a series placed on one money axis: levels and changes in a single currency,
/// converted with the given rates when the series mixes currencies, with a note for each conversion
/// or omission so that the chart and the sparkline say what they show.
struct PlottedSeries {
    struct Level {
        var point: SeriesPoint
        var value: Double
    }

    struct Change {
        var point: SeriesPoint
        var delta: Double
    }

    var currency: String?
    var levels: [Level] = []
    var changes: [Change] = []
    var notes: [String] = []

    /// How many of the points drawn have a currency the extractor inferred rather than read beside
    /// the amount (`SeriesPoint.currencyInferred`).
    var inferredCount: Int {
        levels.count(where: \.point.currencyInferred) + changes.count(where: \.point.currencyInferred)
    }

    init(points: [SeriesPoint], rates: FXRates?) {
        let sorted = points.sorted { ($0.time, $0.id) < ($1.time, $1.id) }
        var counts: [String?: Int] = [:]
        var order: [String?] = []
        for point in sorted {
            if counts[point.currency] == nil { order.append(point.currency) }
            counts[point.currency, default: 0] += 1
        }
        let mostCommon = order.max { counts[$0]! < counts[$1]! } ?? nil
        let mixed = order.count > 1
        if mixed, let rates {
            currency = rates.rates["USD"] != nil ? "USD" : mostCommon ?? "USD"
        } else {
            currency = mostCommon
        }
        var converted: [String] = []
        var omitted: [String: Int] = [:]
        // The same figure reported again the same day (another status, a store row of its own) is one
        // point on a chart: drawn twice it would look like two reports of two values.
        struct Identity: Hashable {
            var day: String, kind: FigureKind, value: ExactDecimal, currency: String?, bound: Bound
        }
        // Where each drawn figure went (its index among the levels or the changes). A figure whose
        // currency one report inferred and another wrote out is drawn once, as written out.
        var drawn: [Identity: Int] = [:]
        for point in sorted {
            let identity = Identity(
                day: Timestamp.date(point.time), kind: point.kind, value: point.value, currency: point.currency, bound: point.bound)
            if let index = drawn[identity] {
                if !point.currencyInferred {
                    switch point.kind {
                    case .level: levels[index].point.currencyInferred = false
                    case .change: changes[index].point.currencyInferred = false
                    }
                }
                continue
            }
            let value: ExactDecimal
            if point.currency == currency {
                value = point.value
            } else if mixed, let rates, let from = point.currency, let target = currency,
                let v = rates.convert(point.value, from: from, to: target)
            {
                value = v
                if !converted.contains(from) { converted.append(from) }
            } else {
                omitted[point.currency ?? "no currency", default: 0] += 1
                continue
            }
            switch point.kind {
            case .level:
                drawn[identity] = levels.count
                levels.append(Level(point: point, value: value.approximateDouble))
            case .change:
                drawn[identity] = changes.count
                changes.append(Change(point: point, delta: value.approximateDouble))
            }
        }
        if let target = currency, !converted.isEmpty, let rates {
            let described = converted.map { "\($0) at \(rates.rates[$0]!) per USD" }
            let targetRate = target == "USD" ? "" : " (\(target) at \(rates.rates[target]!) per USD)"
            notes.append("values in \(target): \(described.joined(separator: ", ")) converted\(targetRate)")
        }
        for (code, count) in omitted.sorted(by: { $0.key < $1.key }) {
            let why = rates == nil ? "no fx rates given" : "no rate for \(code)"
            notes.append("\(count) point\(count == 1 ? "" : "s") in \(code) not drawn (\(why))")
        }
    }
}
