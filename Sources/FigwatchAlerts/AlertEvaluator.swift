import FigwatchCore

/// Drives one rule's state machine: observations in, transitions out. No I/O, no clock:
/// every call takes the time, so tests replay exact timelines and `check-alert` replays
/// a stored series.
///
/// Threshold rules are edge-triggered with hysteresis: they fire when a level crosses
/// the threshold (the first observation ever included), stay firing, and resolve only
/// when a level is back past `clear`. Bounds count: "at least 4T" is above 3.9T, "at
/// most 4T" is not. Change, new-high and new-low rules fire once per qualifying
/// observation.
public struct AlertEvaluator: Sendable {
    public let rule: AlertRule
    public let fx: FXRates

    public init(rule: AlertRule, fx: FXRates) {
        self.rule = rule
        self.fx = fx
    }

    /// Whether this rule reads observations of this entity, metric and status at all (never those of no
    /// watched entity).
    public func watches(_ observation: Sighting) -> Bool {
        if case .sourceFailingAfter = rule.condition { return false }
        guard let entity = observation.entity else { return false }
        return (rule.entity == nil || rule.entity == entity) && rule.metric == observation.metric
            && rule.statuses.contains(observation.status)
    }

    /// Applies one observation (once: an id at or below the state's cursor is ignored).
    public func apply(_ o: Sighting, to state: inout AlertState, now: Int64) -> AlertTransition? {
        guard watches(o), o.id > state.cursor else { return nil }
        state.cursor = o.id
        state.lastObservationAt = max(state.lastObservationAt ?? o.time, o.time)
        switch rule.condition {
        case .above(let limit, let clear):
            return crossing(o, &state, now: now, limit: limit, clear: clear, upward: true)
        case .below(let limit, let clear):
            return crossing(o, &state, now: now, limit: limit, clear: clear, upward: false)
        case .changePercent(let percent):
            return changePercent(o, &state, now: now, percent: percent)
        case .changeAbove(let limit, let direction):
            guard o.kind == .change, let v = fx.convert(o.value, from: o.currency, to: limit.currency) else { return nil }
            let big = v.magnitude >= limit.value
            let way = direction == .any || (direction == .up) == !v.isNegative
            guard big && way else { return nil }
            return fire(o, &state, now: now, threshold: limit.text, relation: "changed by at least", rateTo: limit.currency)
        case .newHigh, .newLow:
            return extreme(o, &state, now: now, high: rule.condition == .newHigh)
        case .staleAfter(let age):
            guard state.phase == .firing else { return nil }
            return resolve(o, &state, now: now, threshold: ConfigDuration.text(age), relation: "new observation after")
        case .sourceFailingAfter:
            return nil
        }
    }

    /// Time-driven checks: `stale_after` and `repeat:` reminders.
    public func tick(_ state: inout AlertState, entity: String, now: Int64) -> AlertTransition? {
        if case .staleAfter(let age) = rule.condition, state.phase != .firing, let last = state.lastObservationAt,
            now - last > age.milliseconds {
            state.phase = .firing
            state.since = now
            state.lastNotifiedAt = now
            return AlertTransition(
                rule: rule.id, entity: entity, state: .firing, at: now, metric: rule.metric,
                threshold: ConfigDuration.text(age), relation: "no new observation for more than")
        }
        if state.phase == .firing, let every = rule.repeatInterval, let last = state.lastNotifiedAt,
            now - last >= every.milliseconds {
            state.lastNotifiedAt = now
            var reminder = AlertTransition(
                rule: rule.id, entity: entity, state: .firing, at: now, metric: rule.metric,
                value: state.firedValue?.value, currency: state.firedValue?.currency, threshold: thresholdText,
                relation: "still", sourceURL: state.firedSourceURL)
            reminder.reminder = true
            reminder.sites = state.beyond.isEmpty ? nil : state.beyond.count
            return reminder
        }
        return nil
    }

    /// `source_failing_after`: fires when a source has failed N times in a row, resolves
    /// on its first success.
    public func sourceStatus(_ state: inout AlertState, source: String, failures: Int, error: String?, url: String, now: Int64)
        -> AlertTransition?
    {
        guard case .sourceFailingAfter(let limit) = rule.condition, rule.source == nil || rule.source == source else { return nil }
        if failures >= limit && state.phase != .firing {
            state.phase = .firing
            state.since = now
            state.lastNotifiedAt = now
            state.firedSourceURL = url
            return AlertTransition(
                rule: rule.id, entity: source, state: .firing, at: now, threshold: "\(limit) failures",
                relation: "failed \(failures) times in a row, limit", sourceURL: url, sentence: error)
        }
        if failures == 0 && state.phase == .firing {
            state.phase = .resolved
            state.since = now
            return AlertTransition(
                rule: rule.id, entity: source, state: .resolved, at: now, threshold: "\(limit) failures",
                relation: "fetched again after failing, limit", sourceURL: url)
        }
        return nil
    }

    // MARK: - Conditions

    private var thresholdText: String? {
        switch rule.condition {
        case .above(let t, _), .below(let t, _), .changeAbove(let t, _): return t.text
        case .changePercent(let p): return "\(p)%"
        case .staleAfter(let age): return ConfigDuration.text(age)
        case .sourceFailingAfter(let n): return "\(n) failures"
        case .newHigh: return "every earlier level"
        case .newLow: return "every earlier level"
        }
    }

    private func crossing(
        _ o: Sighting, _ state: inout AlertState, now: Int64, limit: AlertRule.Threshold,
        clear: AlertRule.Threshold, upward: Bool
    ) -> AlertTransition? {
        guard o.kind == .level, let v = fx.convert(o.value, from: o.currency, to: limit.currency),
            let c = fx.convert(o.value, from: o.currency, to: clear.currency)
        else { return nil }
        // A bound that points away from the threshold proves nothing about crossing it.
        let beyond = upward ? (v >= limit.value && o.bound != .atMost) : (v <= limit.value && o.bound != .atLeast)
        let back = upward ? (c < clear.value && o.bound != .atLeast) : (c > clear.value && o.bound != .atMost)
        let window = rule.window.milliseconds
        if beyond { state.beyond[o.host] = max(state.beyond[o.host] ?? o.time, o.time) }
        state.beyond = state.beyond.filter { $0.value >= o.time - window }
        let relation = upward ? ">=" : "<="
        switch state.phase {
        case .inactive, .resolved:
            guard beyond, state.beyond.count >= rule.minSources else { return nil }
            return fire(o, &state, now: now, threshold: limit.text, relation: relation, rateTo: limit.currency)
        case .firing:
            guard back else { return nil }
            state.beyond = [:]
            return resolve(o, &state, now: now, threshold: clear.text, relation: upward ? "<" : ">", rateTo: clear.currency)
        }
    }

    private func changePercent(_ o: Sighting, _ state: inout AlertState, now: Int64, percent: ExactDecimal) -> AlertTransition? {
        guard o.kind == .level else { return nil }
        guard let previous = state.lastLevel else {
            state.lastLevel = .init(value: o.value, currency: o.currency, time: o.time)
            return nil
        }
        // An older article arriving late is not "the next level".
        guard o.time >= previous.time else { return nil }
        state.lastLevel = .init(value: o.value, currency: o.currency, time: o.time)
        guard !previous.value.isZero, let v = fx.convert(o.value, from: o.currency, to: previous.currency),
            let difference = v.adding(previous.value.negated),
            let hundredfold = difference.magnitude.multiplied(by: 100),
            let change = hundredfold.divided(by: previous.value.magnitude, fractionDigits: 4),
            change >= percent
        else { return nil }
        let sign = difference.isNegative ? "-" : "+"
        return fire(o, &state, now: now, threshold: "\(percent)% (\(sign)\(change)% since \(AmountWords.describe(previous.value, currency: previous.currency)))",
                    relation: "moved by at least", rateTo: previous.currency)
    }

    private func extreme(_ o: Sighting, _ state: inout AlertState, now: Int64, high: Bool) -> AlertTransition? {
        guard o.kind == .level else { return nil }
        guard let best = state.extreme else {
            // The first level is the baseline: beyond nothing, so nothing to announce.
            state.extreme = .init(value: o.value, currency: o.currency, time: o.time)
            return nil
        }
        guard let v = fx.convert(o.value, from: o.currency, to: best.currency) else { return nil }
        let beyond = high ? (v > best.value && o.bound != .atMost) : (v < best.value && o.bound != .atLeast)
        guard beyond else { return nil }
        state.extreme = .init(value: v, currency: best.currency, time: o.time)
        return fire(o, &state, now: now, threshold: AmountWords.describe(best.value, currency: best.currency),
                    relation: high ? "new high, above the previous" : "new low, below the previous", rateTo: best.currency)
    }

    private func fire(_ o: Sighting, _ state: inout AlertState, now: Int64, threshold: String, relation: String, rateTo: String?)
        -> AlertTransition
    {
        state.phase = .firing
        state.since = now
        state.lastNotifiedAt = now
        state.firedValue = .init(value: o.value, currency: o.currency, time: o.time)
        state.firedSourceURL = o.url
        var fired = transition(o, .firing, now: now, threshold: threshold, relation: relation, rateTo: rateTo)
        // `beyond` holds the agreeing hosts of a crossing rule (this one among them); other rules fire on one.
        fired.sites = max(state.beyond.count, 1)
        return fired
    }

    private func resolve(_ o: Sighting, _ state: inout AlertState, now: Int64, threshold: String, relation: String, rateTo: String? = nil)
        -> AlertTransition
    {
        state.phase = .resolved
        state.since = now
        return transition(o, .resolved, now: now, threshold: threshold, relation: relation, rateTo: rateTo)
    }

    private func transition(_ o: Sighting, _ kind: AlertTransition.State, now: Int64, threshold: String, relation: String, rateTo: String?)
        -> AlertTransition
    {
        AlertTransition(
            rule: rule.id, entity: o.entity ?? "", state: kind, at: now, metric: o.metric, value: o.value, currency: o.currency,
            bound: o.bound, threshold: threshold, relation: relation, sourceURL: o.url, sentence: o.sentence,
            observationID: o.id, rate: fx.describe(from: o.currency, to: rateTo))
    }
}

/// Durations in alert messages, written the way the configuration writes them.
enum ConfigDuration {
    static func text(_ duration: Duration) -> String {
        var ms = duration.milliseconds
        if ms == 0 { return "0s" }
        var out = ""
        for (unit, size) in [("d", Int64(86_400_000)), ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1)] where ms >= size {
            out += "\(ms / size)\(unit)"
            ms %= size
        }
        return out
    }
}

extension Duration {
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
