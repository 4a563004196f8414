import FigwatchAlerts
import FigwatchConfig
import FigwatchCore
import FigwatchHTTP
import FigwatchStore
import Foundation
import Logging

/// Runs the configured alert rules over what the store records, and delivers transitions.
///
/// The store is the source of truth: rules read *sightings* (one per figure per outlet)
/// in id order, and each (rule, entity) state is saved together with its transition and
/// webhook, remembering the last sighting it applied. Each rule's pass runs in the store's
/// `withAlertPass`, so daemons sharing a PostgreSQL store decide each crossing once. A kill at any
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
    private var notifiers: [String: Notifier]
    private var fx: FXRates
    private let store: any AlertLedger
    private let delivery: AlertDelivery
    private let logger: Logger
    /// The time each pass judges at: when a figure was seen, when a rule went stale or is due a reminder.
    private let clock: any DaemonClock

    init(configuration: Configuration, store: any AlertLedger, delivery: AlertDelivery, logger: Logger, clock: any DaemonClock) {
        self.rules = configuration.alerts
        self.entityNames = Dictionary(configuration.entities.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        self.notifiers = Dictionary(configuration.notifiers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.fx = FXRates(rates: configuration.fx.rates)
        self.store = store
        self.delivery = delivery
        self.logger = logger
        self.clock = clock
        self.evaluators = Self.evaluators(rules, fx: fx)
    }

    func reconfigure(_ configuration: Configuration) {
        rules = configuration.alerts
        entityNames = Dictionary(configuration.entities.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        notifiers = Dictionary(configuration.notifiers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
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
    func evaluate() async {
        if evaluating {
            evaluateAgain = true
            return
        }
        evaluating = true
        defer { evaluating = false }
        repeat {
            evaluateAgain = false
            await evaluateOnce(now: clock.now())
        } while evaluateAgain
    }

    private func evaluateOnce(now: Int64) async {
        for rule in rules {
            if case .sourceFailingAfter = rule.condition { continue }
            await pass(rule.id, "Cannot evaluate an alert rule") { pass in try await pass.applySightings(now: now) }
        }
    }

    /// Time-driven rules: `stale_after` and reminders.
    func tick() async {
        let now = clock.now()
        for rule in rules {
            if case .sourceFailingAfter = rule.condition { continue }
            await pass(rule.id, "Cannot check time-driven alert rules") { pass in try await pass.tick(now: now) }
        }
    }

    /// `source_failing_after` rules, told after every run of a source.
    func sourceStatus(source: String, url: String, failures: Int, error: String?) async {
        let now = clock.now()
        for rule in rules {
            guard case .sourceFailingAfter = rule.condition else { continue }
            await pass(rule.id, "Cannot evaluate an alert rule") { pass in
                try await pass.sourceStatus(source: source, url: url, failures: failures, error: error, now: now)
            }
        }
    }

    /// Runs `work` as one pass of rule `id` (`AlertLedger.withAlertPass`: with several daemons on one
    /// store, no other pass of the rule runs meanwhile), then delivers what it recorded: the log record
    /// and the command, which are not transactional and so come after the commit.
    private func pass(
        _ id: String, _ failure: String, _ work: @escaping @Sendable (AlertPass) async throws -> [AlertTransition]
    ) async {
        guard let evaluator = evaluators[id] else { return }
        let names = entityNames
        let ruleNotifiers = evaluator.rule.notify.compactMap { notifiers[$0] }
        do {
            let transitions = try await store.withAlertPass(rule: id) { view in
                try await work(AlertPass(evaluator: evaluator, entityNames: names, store: view, notifiers: ruleNotifiers))
            }
            for transition in transitions {
                let name = entityNames[transition.entity] ?? transition.entity
                delivery.log(transition, entityName: name, rule: evaluator.rule)
                FigwatchMetrics.alertTransition(rule: id, state: transition.state.rawValue)
                FigwatchMetrics.notification(channel: "log", succeeded: true)
                // A muted transition is logged (naming the silence) and runs no command.
                guard transition.mutedBy == nil else { continue }
                if let exec = evaluator.rule.exec {
                    await delivery.run(exec, transition: transition, entityName: name, timeout: evaluator.rule.execTimeout)
                }
                for notifier in ruleNotifiers where notifier.kind == .exec {
                    await delivery.run(notifier.command, transition: transition, entityName: name, timeout: notifier.timeout)
                }
            }
        } catch {
            logger.error("\(failure): \(error)", metadata: ["rule": "\(id)"])
        }
    }
}
