import FigwatchAlerts
import FigwatchConfig
import FigwatchCore
import FigwatchStore
import Foundation
import Logging

/// Runs the configured alert rules over what the store records, and delivers transitions.
///
/// The store is the source of truth: rules read *sightings* (one per figure per outlet)
/// in id order, and each (rule, entity) state is saved together with its transition and
/// webhook in one transaction, remembering the last sighting it applied. A kill at any
/// moment therefore neither fires twice (the saved cursor skips what was applied) nor
/// loses an alert (what was not applied is read again on the next pass).
///
/// A rule added to a running installation starts from the current end of the record:
/// it judges what is reported from then on, and does not replay history (use
/// `figwatch check-alert` for that).
actor AlertEngine {
    private var rules: [AlertRule]
    private var evaluators: [String: AlertEvaluator] = [:]
    private var entityNames: [String: String]
    private var fx: FXRates
    private let store: any FigureStore
    private let delivery: AlertDelivery
    private let logger: Logger
    /// Marker state per rule: its cursor over the sightings.
    static let ruleMarker = "*"

    init(configuration: Configuration, store: any FigureStore, delivery: AlertDelivery, logger: Logger) {
        self.rules = configuration.alerts
        self.entityNames = Dictionary(configuration.entities.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        self.fx = FXRates(rates: configuration.fx.rates)
        self.store = store
        self.delivery = delivery
        self.logger = logger
        self.evaluators = Self.evaluators(rules, fx: fx)
    }

    func reconfigure(_ configuration: Configuration) {
        rules = configuration.alerts
        entityNames = Dictionary(configuration.entities.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        fx = FXRates(rates: configuration.fx.rates, origin: fx.origin == "config" ? "config" : fx.origin)
        rebuild()
    }

    /// Replaces the static rates with fetched ones (the ECB feed), keeping static ones it lacks.
    func updateRates(_ rates: [String: ExactDecimal], origin: String) {
        var merged = fx.rates
        for (code, rate) in rates { merged[code] = rate }
        fx = FXRates(rates: merged, origin: origin)
        rebuild()
    }

    private func rebuild() {
        evaluators = Self.evaluators(rules, fx: fx)
    }

    private static func evaluators(_ rules: [AlertRule], fx: FXRates) -> [String: AlertEvaluator] {
        Dictionary(rules.map { ($0.id, AlertEvaluator(rule: $0, fx: fx)) }, uniquingKeysWith: { a, _ in a })
    }

    private var evaluating = false
    private var evaluateAgain = false

    /// Applies every sighting not yet applied to every rule that watches it.
    ///
    /// One pass at a time: a call made while a pass runs (the actor is reentrant at every
    /// store access) only asks that pass to go round once more, so no sighting is read by
    /// two passes at once.
    func evaluate(now: Int64) async {
        if evaluating {
            evaluateAgain = true
            return
        }
        evaluating = true
        defer { evaluating = false }
        repeat {
            evaluateAgain = false
            await evaluateOnce(now: now)
        } while evaluateAgain
    }

    private func evaluateOnce(now: Int64) async {
        for rule in rules {
            guard let evaluator = evaluators[rule.id] else { continue }
            if case .sourceFailingAfter = rule.condition { continue }
            do {
                try await evaluate(evaluator, now: now)
            } catch {
                logger.error("Cannot evaluate an alert rule: \(error)", metadata: ["rule": "\(rule.id)"])
            }
        }
    }

    private func evaluate(_ evaluator: AlertEvaluator, now: Int64) async throws {
        let rule = evaluator.rule
        var marker = try await loadState(rule: rule.id, entity: Self.ruleMarker)
        if marker == nil {
            // A new rule starts at the current end of the record.
            var fresh = AlertState()
            fresh.cursor = try await store.lastSightingID()
            fresh.since = now
            try await saveState(fresh, rule: rule.id, entity: Self.ruleMarker)
            marker = fresh
        }
        guard var cursor = marker?.cursor else { return }
        while true {
            let batch = try await store.sightings(after: cursor, limit: 500)
            if batch.isEmpty { break }
            var states: [String: AlertState] = [:]
            for sighting in batch {
                cursor = sighting.id
                guard let observation = AlertObservation(sighting), evaluator.watches(observation) else { continue }
                var state: AlertState
                if let cached = states[observation.entity] {
                    state = cached
                } else {
                    state = try await loadState(rule: rule.id, entity: observation.entity) ?? AlertState()
                }
                let transition = evaluator.apply(observation, to: &state, now: now)
                states[observation.entity] = state
                try await commit(state, rule: rule, entity: observation.entity, transition: transition)
            }
            var advanced = marker ?? AlertState()
            advanced.cursor = cursor
            try await saveState(advanced, rule: rule.id, entity: Self.ruleMarker)
            marker = advanced
            if batch.count < 500 { break }
        }
    }

    /// Time-driven rules: `stale_after` and reminders.
    func tick(now: Int64) async {
        do {
            let records = try await store.alertStates()
            for record in records where record.entity != Self.ruleMarker {
                guard let evaluator = evaluators[record.rule], var state = Self.decode(record) else { continue }
                if let transition = evaluator.tick(&state, entity: record.entity, now: now) {
                    try await commit(state, rule: evaluator.rule, entity: record.entity, transition: transition)
                }
            }
        } catch {
            logger.error("Cannot check time-driven alert rules: \(error)")
        }
    }

    /// `source_failing_after` rules, told after every run of a source.
    func sourceStatus(source: String, url: String, failures: Int, error: String?, now: Int64) async {
        for rule in rules {
            guard case .sourceFailingAfter = rule.condition, let evaluator = evaluators[rule.id] else { continue }
            do {
                var state = try await loadState(rule: rule.id, entity: source) ?? AlertState()
                let before = state
                if let transition = evaluator.sourceStatus(&state, source: source, failures: failures, error: error, url: url, now: now) {
                    try await commit(state, rule: rule, entity: source, transition: transition)
                } else if state != before {
                    try await saveState(state, rule: rule.id, entity: source)
                }
            } catch {
                logger.error("Cannot evaluate an alert rule: \(error)", metadata: ["rule": "\(rule.id)"])
            }
        }
    }

    /// Saves the state, the history record and the queued webhook in one transaction,
    /// then logs and runs the command (which are not transactional, and happen after).
    private func commit(_ state: AlertState, rule: AlertRule, entity: String, transition: AlertTransition?) async throws {
        let name = entityNames[entity] ?? entity
        var event: AlertEvent?
        var webhook: WebhookMessage?
        if let transition {
            event = AlertEvent(
                rule: rule.id, entity: entity, state: transition.state.rawValue, at: transition.at, metric: transition.metric,
                value: transition.value, currency: transition.currency, threshold: transition.threshold,
                sourceURL: transition.sourceURL, sentence: transition.sentence, observationID: transition.observationID)
            if rule.webhook != nil {
                webhook = WebhookMessage(
                    rule: rule.id, payload: AlertPayload.json(transition, entityName: name),
                    nextAttemptAt: transition.at, expiresAt: transition.at + rule.webhookExpire.milliseconds)
            }
        }
        try await store.recordAlert(state: Self.record(state, rule: rule.id, entity: entity), event: event, webhook: webhook)
        if let transition {
            delivery.log(transition, entityName: name, rule: rule)
            if let exec = rule.exec {
                await delivery.run(exec, transition: transition, entityName: name, timeout: rule.execTimeout)
            }
        }
    }

    // MARK: - Mapping to the store

    private func loadState(rule: String, entity: String) async throws -> AlertState? {
        try await store.alertState(rule: rule, entity: entity).flatMap(Self.decode)
    }

    private func saveState(_ state: AlertState, rule: String, entity: String) async throws {
        try await store.recordAlert(state: Self.record(state, rule: rule, entity: entity), event: nil, webhook: nil)
    }

    static func record(_ state: AlertState, rule: String, entity: String) -> AlertStateRecord {
        let details = (try? JSONEncoder().encode(state)).map { String(decoding: $0, as: UTF8.self) }
        return AlertStateRecord(
            rule: rule, entity: entity, state: state.phase.rawValue, since: state.since,
            lastValue: state.firedValue?.value, lastCurrency: state.firedValue?.currency,
            lastNotifiedAt: state.lastNotifiedAt, details: details)
    }

    static func decode(_ record: AlertStateRecord) -> AlertState? {
        guard let details = record.details else { return nil }
        return try? JSONDecoder().decode(AlertState.self, from: Data(details.utf8))
    }

}

extension AlertObservation {
    /// A stored sighting as the rules see it (the daemon and `figwatch check-alert` alike);
    /// `nil` for a figure of no watched entity, which no rule reads.
    public init?(_ s: Sighting) {
        guard let entity = s.entity else { return nil }
        self.init(
            id: s.id, entity: entity, metric: s.metric, kind: s.kind, value: s.value, currency: s.currency,
            bound: s.bound, time: s.time, host: s.host, sourceURL: s.url, sentence: s.sentence)
    }
}
