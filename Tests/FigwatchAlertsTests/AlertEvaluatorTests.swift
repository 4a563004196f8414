import FigwatchAlerts
import FigwatchCore
import Testing

/// The alert state machines, driven with explicit times: each row is an observation
/// and the transition it must (or must not) cause.
struct AlertEvaluatorTests {
    static let day: Int64 = 86_400_000
    static let fx = FXRates(rates: ["USD": 1, "HKD": ExactDecimal("7.78")!, "CNY": ExactDecimal("7.13")!])

    static func t(_ text: String, _ currency: String?) -> AlertRule.Threshold {
        // "4.2" trillion etc. are written in tests as plain digits to stay independent of the parser.
        .init(value: ExactDecimal(text)!, currency: currency, text: "\(AmountWords.describe(ExactDecimal(text)!, currency: currency))")
    }

    static func rule(_ condition: AlertRule.Condition, entity: String? = "alibaba", minSources: Int = 1, window: Int64 = 7, repeatEvery: Duration? = nil) -> AlertRule {
        AlertRule(id: "r", entity: entity, metric: .marketCap, condition: condition, minSources: minSources,
                  window: .milliseconds(window * day), repeatInterval: repeatEvery)
    }

    /// (value, bound, host, day, kind) -> expected transition state or nil.
    typealias Step = (value: String, bound: Bound, host: String, day: Int64, kind: FigureKind, expect: AlertTransition.State?)

    static func run(_ rule: AlertRule, _ steps: [Step], currency: String? = "HKD", line: Int = #line) {
        let evaluator = AlertEvaluator(rule: rule, fx: fx)
        var state = AlertState()
        for (index, step) in steps.enumerated() {
            let o = Sighting(
                id: Int64(index + 1), entity: "alibaba", metric: .marketCap, kind: step.kind, value: ExactDecimal(step.value)!,
                currency: currency, bound: step.bound, time: step.day * day, host: step.host, url: "https://\(step.host)/\(index)")
            let transition = evaluator.apply(o, to: &state, now: step.day * day + 1)
            #expect(transition?.state == step.expect, "step \(index + 1) (\(step.value) \(step.bound)) of the table at line \(line)")
        }
    }

    static let T4 = "4000000000000"

    @Test func crossingUpWithHysteresis() {
        let rule = Self.rule(.above(Self.t(Self.T4, "HKD"), clear: Self.t("3800000000000", "HKD")))
        Self.run(rule, [
            ("3500000000000", .exact, "a.com", 1, .level, nil),
            ("4200000000000", .exact, "a.com", 2, .level, .firing),
            ("4300000000000", .exact, "b.com", 3, .level, nil),        // stays firing: no second record
            ("3900000000000", .exact, "a.com", 4, .level, nil),        // below 4T but above clear 3.8T
            ("3700000000000", .exact, "a.com", 5, .level, .resolved),
            ("3900000000000", .exact, "a.com", 6, .level, nil),
            ("4100000000000", .exact, "a.com", 7, .level, .firing),    // crosses again
        ])
    }

    @Test func crossingDownWithoutHysteresis() {
        let rule = Self.rule(.above(Self.t(Self.T4, "HKD"), clear: Self.t(Self.T4, "HKD")))
        Self.run(rule, [
            ("4200000000000", .exact, "a.com", 1, .level, .firing),   // the first observation is already beyond
            ("4000000000000", .exact, "a.com", 2, .level, nil),       // at the threshold is still beyond
            ("3999999999999", .exact, "a.com", 3, .level, .resolved),
        ])
    }

    @Test func boundsCount() {
        let rule = Self.rule(.above(Self.t("3900000000000", "HKD"), clear: Self.t("3900000000000", "HKD")))
        Self.run(rule, [
            (Self.T4, .atMost, "a.com", 1, .level, nil),              // "nearly 4T" proves nothing
            (Self.T4, .approx, "a.com", 2, .level, .firing),
            ("3000000000000", .atLeast, "a.com", 3, .level, nil),     // "over 3T" may still be above
            ("3000000000000", .atMost, "a.com", 4, .level, .resolved),
        ])
        Self.run(rule, [(Self.T4, .atLeast, "a.com", 1, .level, .firing)])
    }

    @Test func changesAreNotLevels() {
        let rule = Self.rule(.above(Self.t(Self.T4, "HKD"), clear: Self.t(Self.T4, "HKD")))
        Self.run(rule, [("5000000000000", .exact, "a.com", 1, .change, nil)])
    }

    @Test func belowRule() {
        let rule = Self.rule(.below(Self.t("3000000000000", "HKD"), clear: Self.t("3200000000000", "HKD")))
        Self.run(rule, [
            ("3500000000000", .exact, "a.com", 1, .level, nil),
            ("2900000000000", .exact, "a.com", 2, .level, .firing),
            ("3100000000000", .exact, "a.com", 3, .level, nil),
            ("3300000000000", .exact, "a.com", 4, .level, .resolved),
        ])
    }

    @Test func currenciesAreConvertedAndTheRateIsStated() {
        let rule = Self.rule(.above(Self.t(Self.T4, "HKD"), clear: Self.t(Self.T4, "HKD")))
        let evaluator = AlertEvaluator(rule: rule, fx: Self.fx)
        var state = AlertState()
        // 500bn USD = 3.89T HKD: below. 520bn USD = 4.0456T HKD: above.
        let below = Sighting(id: 1, entity: "alibaba", metric: .marketCap, kind: .level, value: ExactDecimal("500000000000")!, currency: "USD", time: 0, host: "a.com")
        #expect(evaluator.apply(below, to: &state, now: 0) == nil)
        let above = Sighting(id: 2, entity: "alibaba", metric: .marketCap, kind: .level, value: ExactDecimal("520000000000")!, currency: "USD", time: 1, host: "a.com")
        let fired = evaluator.apply(above, to: &state, now: 1)
        #expect(fired?.state == .firing)
        #expect(fired?.rate == "1 USD = 7.78 HKD (config)")
        // No rate for a currency: nothing can be said, nothing fires.
        let unknown = Sighting(id: 3, entity: "alibaba", metric: .marketCap, kind: .level, value: ExactDecimal("1")!, currency: "XYZ", time: 2, host: "a.com")
        #expect(evaluator.apply(unknown, to: &state, now: 2) == nil)
    }

    @Test func minSourcesAcrossHostsWithinTheWindow() {
        let rule = Self.rule(.above(Self.t(Self.T4, "HKD"), clear: Self.t(Self.T4, "HKD")), minSources: 2, window: 7)
        Self.run(rule, [
            ("4200000000000", .exact, "a.com", 1, .level, nil),       // one site: a misprint must not page anyone
            ("4300000000000", .exact, "a.com", 2, .level, nil),       // the same site again is still one
            ("4100000000000", .exact, "b.com", 3, .level, .firing),
        ])
        Self.run(rule, [
            ("4200000000000", .exact, "a.com", 1, .level, nil),
            ("4100000000000", .exact, "b.com", 20, .level, nil),      // a.com's report is out of the window
            ("4100000000000", .exact, "c.com", 21, .level, .firing),
        ])
    }

    @Test func changePercentOfConsecutiveLevels() {
        let evaluator = AlertEvaluator(rule: Self.rule(.changePercent(10)), fx: Self.fx)
        var state = AlertState()
        func level(_ id: Int64, _ value: String, day: Int64) -> Sighting {
            Sighting(id: id, entity: "alibaba", metric: .marketCap, kind: .level, value: ExactDecimal(value)!, currency: "USD", time: day * Self.day, host: "a.com")
        }
        #expect(evaluator.apply(level(1, "100", day: 1), to: &state, now: 1) == nil)
        #expect(evaluator.apply(level(2, "105", day: 2), to: &state, now: 2) == nil)
        #expect(evaluator.apply(level(3, "116", day: 3), to: &state, now: 3)?.state == .firing)   // +10.47%
        #expect(evaluator.apply(level(4, "50", day: 1), to: &state, now: 4) == nil)               // older article, late
        #expect(evaluator.apply(level(5, "104", day: 4), to: &state, now: 5)?.state == .firing)   // -10.34%
    }

    @Test func changeAboveWithDirection() {
        func change(_ id: Int64, _ value: String) -> Sighting {
            Sighting(id: id, entity: "alibaba", metric: .marketCap, kind: .change, value: ExactDecimal(value)!, currency: "HKD", time: id, host: "a.com")
        }
        let down = AlertEvaluator(rule: Self.rule(.changeAbove(Self.t("500000000000", "HKD"), direction: .down)), fx: Self.fx)
        var state = AlertState()
        #expect(down.apply(change(1, "600000000000"), to: &state, now: 1) == nil)
        #expect(down.apply(change(2, "-400000000000"), to: &state, now: 2) == nil)
        #expect(down.apply(change(3, "-600000000000"), to: &state, now: 3)?.state == .firing)
        let any = AlertEvaluator(rule: Self.rule(.changeAbove(Self.t("500000000000", "HKD"), direction: .any)), fx: Self.fx)
        var other = AlertState()
        #expect(any.apply(change(1, "600000000000"), to: &other, now: 1)?.state == .firing)
    }

    @Test func newHighAndNewLow() {
        let high = Self.rule(.newHigh)
        Self.run(high, [
            ("100", .exact, "a.com", 1, .level, nil),      // the baseline
            ("90", .exact, "a.com", 2, .level, nil),
            ("110", .atMost, "a.com", 3, .level, nil),     // "nearly 110" is no new high
            ("110", .exact, "a.com", 4, .level, .firing),
            ("105", .exact, "a.com", 5, .level, nil),
            ("120", .exact, "a.com", 6, .level, .firing),
        ])
        Self.run(Self.rule(.newLow), [
            ("100", .exact, "a.com", 1, .level, nil),
            ("90", .exact, "a.com", 2, .level, .firing),
            ("95", .exact, "a.com", 3, .level, nil),
        ])
    }

    @Test func staleAfterFiresOnTimeAndResolvesOnNews() {
        let evaluator = AlertEvaluator(rule: Self.rule(.staleAfter(.seconds(14 * 86_400))), fx: Self.fx)
        var state = AlertState()
        let o = Sighting(id: 1, entity: "alibaba", metric: .marketCap, kind: .level, value: 1, currency: "USD", time: 0, host: "a.com")
        #expect(evaluator.apply(o, to: &state, now: 0) == nil)
        #expect(evaluator.tick(&state, entity: "alibaba", now: 13 * Self.day) == nil)
        #expect(evaluator.tick(&state, entity: "alibaba", now: 15 * Self.day)?.state == .firing)
        #expect(evaluator.tick(&state, entity: "alibaba", now: 16 * Self.day) == nil)
        var next = o
        next.id = 2
        next.time = 16 * Self.day
        #expect(evaluator.apply(next, to: &state, now: 16 * Self.day)?.state == .resolved)
    }

    @Test func sourceFailingAndRecovering() {
        let rule = AlertRule(id: "down", entity: nil, metric: .marketCap, source: "feed", condition: .sourceFailingAfter(3))
        let evaluator = AlertEvaluator(rule: rule, fx: Self.fx)
        var state = AlertState()
        let outcomes = [(1, nil), (2, nil), (3, AlertTransition.State.firing), (4, nil), (0, .resolved), (0, nil)] as [(Int, AlertTransition.State?)]
        for (i, (failures, expected)) in outcomes.enumerated() {
            let t = evaluator.sourceStatus(&state, source: "feed", failures: failures, error: "HTTP 503", url: "https://x/rss", now: Int64(i))
            #expect(t?.state == expected, "attempt \(i + 1)")
        }
        var other = AlertState()
        #expect(evaluator.sourceStatus(&other, source: "another", failures: 9, error: nil, url: "u", now: 0) == nil)
    }

    @Test func eachObservationAppliesOnce() {
        let evaluator = AlertEvaluator(rule: Self.rule(.above(Self.t(Self.T4, "HKD"), clear: Self.t(Self.T4, "HKD"))), fx: Self.fx)
        var state = AlertState()
        let o = Sighting(id: 7, entity: "alibaba", metric: .marketCap, kind: .level, value: ExactDecimal("4200000000000")!, currency: "HKD", time: 0, host: "a.com")
        #expect(evaluator.apply(o, to: &state, now: 0)?.state == .firing)
        var restored = state   // as if read back after a restart
        #expect(evaluator.apply(o, to: &restored, now: 1) == nil)
        #expect(restored.cursor == 7)
    }

    @Test func otherEntitiesAndMetricsAreIgnored() {
        let evaluator = AlertEvaluator(rule: Self.rule(.above(Self.t("1", "HKD"), clear: Self.t("1", "HKD"))), fx: Self.fx)
        var state = AlertState()
        let tencent = Sighting(id: 1, entity: "tencent", metric: .marketCap, kind: .level, value: 5, currency: "HKD", time: 0, host: "a.com")
        let valuation = Sighting(id: 2, entity: "alibaba", metric: .valuation, kind: .level, value: 5, currency: "HKD", time: 0, host: "a.com")
        #expect(evaluator.apply(tencent, to: &state, now: 0) == nil)
        #expect(evaluator.apply(valuation, to: &state, now: 0) == nil)
        let everyone = AlertEvaluator(rule: Self.rule(.above(Self.t("1", "HKD"), clear: Self.t("1", "HKD")), entity: nil), fx: Self.fx)
        #expect(everyone.watches(tencent))
    }

    @Test func repeatSendsReminders() {
        let evaluator = AlertEvaluator(rule: Self.rule(.above(Self.t(Self.T4, "HKD"), clear: Self.t(Self.T4, "HKD")), repeatEvery: .seconds(86_400)), fx: Self.fx)
        var state = AlertState()
        let o = Sighting(id: 1, entity: "alibaba", metric: .marketCap, kind: .level, value: ExactDecimal("4200000000000")!, currency: "HKD", time: 0, host: "a.com")
        #expect(evaluator.apply(o, to: &state, now: 0)?.state == .firing)
        #expect(evaluator.tick(&state, entity: "alibaba", now: Self.day - 1) == nil)
        let reminder = evaluator.tick(&state, entity: "alibaba", now: Self.day)
        #expect(reminder?.reminder == true)
        #expect(reminder?.value == ExactDecimal("4200000000000"))
        #expect(evaluator.tick(&state, entity: "alibaba", now: Self.day + 1) == nil)
    }

    @Test func messageReadsAsDocumented() {
        let rule = AlertRule(id: "alibaba-above-4t", entity: "alibaba", metric: .marketCap,
                             condition: .above(.init(value: ExactDecimal(Self.T4)!, currency: "HKD", text: "4 trillion HKD"),
                                               clear: .init(value: ExactDecimal(Self.T4)!, currency: "HKD", text: "4 trillion HKD")))
        var state = AlertState()
        let o = Sighting(id: 1, entity: "alibaba", metric: .marketCap, kind: .level, value: ExactDecimal("4200000000000")!, currency: "HKD", time: 0, host: "x.com", url: "https://x.com/a")
        let transition = AlertEvaluator(rule: rule, fx: Self.fx).apply(o, to: &state, now: 0)
        #expect(transition?.text(entityName: "Alibaba Group") == "ALERT firing alibaba-above-4t: Alibaba Group market_cap 4.2 trillion HKD >= 4 trillion HKD (https://x.com/a)")
    }
}
