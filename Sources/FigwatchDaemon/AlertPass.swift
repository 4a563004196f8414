import FigwatchAlerts
import FigwatchConfig
import FigwatchCore
import FigwatchStore
import Foundation

/// One alert rule's work on the store's view of a pass (`AlertLedger.withAlertPass`): apply the sightings
/// after the rule's cursor, the time-driven checks, or a source's status; save each state with its
/// transition and webhook. It returns the transitions; the log record and the command come after the
/// pass has committed, so nothing is announced that a rolled-back pass did not record.
struct AlertPass: Sendable {
    let evaluator: AlertEvaluator
    let entityNames: [String: String]
    let store: any AlertPassStore
    /// The rule's notifiers (`notify:`); each queued one gets a message per transition.
    var notifiers: [Notifier] = []

    /// Marker state per rule: its cursor over the sightings.
    static let ruleMarker = "*"
    static let batch = 500

    /// Applies every sighting after the rule's cursor and advances the cursor in the same pass.
    func applySightings(now: Int64) async throws -> [AlertTransition] {
        var transitions: [AlertTransition] = []
        var marker = try await loadState(entity: Self.ruleMarker)
        if marker == nil {
            // A new rule starts at the current end of the record.
            var fresh = AlertState()
            fresh.cursor = try await store.lastSightingID()
            fresh.since = now
            try await save(fresh, entity: Self.ruleMarker)
            marker = fresh
        }
        guard var cursor = marker?.cursor else { return [] }
        var states: [String: AlertState] = [:]
        while true {
            let sightings = try await store.sightings(after: cursor, limit: Self.batch)
            if sightings.isEmpty { break }
            for sighting in sightings {
                cursor = sighting.id
                guard let entity = sighting.entity, evaluator.watches(sighting) else { continue }
                var state: AlertState
                if let cached = states[entity] {
                    state = cached
                } else {
                    state = try await loadState(entity: entity) ?? AlertState()
                }
                let transition = evaluator.apply(sighting, to: &state, now: now)
                states[entity] = state
                if let recorded = try await commit(state, entity: entity, transition: transition) {
                    transitions.append(recorded)
                }
            }
            var advanced = marker ?? AlertState()
            advanced.cursor = cursor
            try await save(advanced, entity: Self.ruleMarker)
            marker = advanced
            if sightings.count < Self.batch { break }
        }
        return transitions
    }

    /// Time-driven checks of the rule's states: `stale_after` and reminders.
    func tick(now: Int64) async throws -> [AlertTransition] {
        var transitions: [AlertTransition] = []
        for record in try await store.alertStates() where record.rule == evaluator.rule.id && record.entity != Self.ruleMarker {
            guard var state = Self.decode(record),
                let transition = evaluator.tick(&state, entity: record.entity, now: now)
            else { continue }
            if let recorded = try await commit(state, entity: record.entity, transition: transition) {
                transitions.append(recorded)
            }
        }
        return transitions
    }

    /// A `source_failing_after` rule told of one run of `source`.
    func sourceStatus(source: String, url: String, failures: Int, error: String?, now: Int64) async throws
        -> [AlertTransition]
    {
        var state = try await loadState(entity: source) ?? AlertState()
        let before = state
        if let transition = evaluator.sourceStatus(&state, source: source, failures: failures, error: error, url: url, now: now) {
            return try await commit(state, entity: source, transition: transition).map { [$0] } ?? []
        } else if state != before {
            try await save(state, entity: source)
        }
        return []
    }

    /// Saves the state, the history record and the queued webhook together; returns the transition.
    ///
    /// A transition that an active silence mutes (at the transition's time, the pass's `now`) queues
    /// nothing: its record names the silence, and so does the transition returned (`mutedBy`), which
    /// then runs no command either.
    private func commit(_ state: AlertState, entity: String, transition: AlertTransition?) async throws -> AlertTransition? {
        let rule = evaluator.rule
        var event: AlertEvent?
        var webhooks: [WebhookMessage] = []
        var recorded = transition
        if let transition {
            let silence = try await store.silences(rule: rule.id, activeAt: transition.at)
                .first { $0.mutes(rule: rule.id, entity: entity, at: transition.at) }
            recorded?.mutedBy = silence?.id
            event = AlertEvent(
                rule: rule.id, entity: entity, state: transition.state.rawValue, at: transition.at, metric: transition.metric,
                value: transition.value, currency: transition.currency, threshold: transition.threshold,
                sourceURL: transition.sourceURL, sentence: transition.sentence, observationID: transition.observationID,
                silenceID: silence?.id)
            // Muted: recorded and logged, not delivered.
            if silence == nil {
                webhooks = Self.messages(for: transition, entityName: entityNames[entity] ?? entity, rule: rule, notifiers: notifiers)
            }
        }
        try await store.recordAlert(state: Self.record(state, rule: rule.id, entity: entity), event: event, webhooks: webhooks)
        return recorded
    }

    /// The outbox rows of one transition: the rule's own webhook, and one per queued notifier, which
    /// joins its group (`group_by`); the sender decides when the group's message goes.
    static func messages(for transition: AlertTransition, entityName name: String, rule: AlertRule, notifiers: [Notifier])
        -> [WebhookMessage]
    {
        var webhooks: [WebhookMessage] = []
        let alert = AlertPayload.json(transition, entityName: name)
        if rule.webhook != nil {
            webhooks.append(WebhookMessage(
                rule: rule.id, payload: alert, nextAttemptAt: transition.at, expiresAt: transition.at + rule.webhookExpire.milliseconds))
        }
        let group = rule.grouping.key(rule: rule.id, entity: transition.entity, metric: transition.metric, sourceURL: transition.sourceURL)
        for notifier in notifiers where notifier.isQueued {
            webhooks.append(WebhookMessage(
                rule: rule.id, payload: NotifierPayload.body(for: notifier, transition: transition, entityName: name),
                nextAttemptAt: transition.at, expiresAt: transition.at + notifier.expire.milliseconds, notifier: notifier.id,
                group: group, alert: alert))
        }
        return webhooks
    }

    private func loadState(entity: String) async throws -> AlertState? {
        try await store.alertState(rule: evaluator.rule.id, entity: entity).flatMap(Self.decode)
    }

    private func save(_ state: AlertState, entity: String) async throws {
        try await store.recordAlert(state: Self.record(state, rule: evaluator.rule.id, entity: entity), event: nil, webhook: nil)
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
