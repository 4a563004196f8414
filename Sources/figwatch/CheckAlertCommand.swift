import ArgumentParser
import FigwatchAlerts
import FigwatchConfig
import FigwatchCore
import FigwatchDaemon
import FigwatchStore

/// `figwatch check-alert RULE`: a dry run of a rule over the stored series.
struct CheckAlertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-alert",
        abstract: "Replay the stored figures through an alert rule and print what would have fired when.",
        discussion: """
            A dry run for tuning thresholds: nothing is logged, sent or saved. The rule is read \
            from the configuration as it is now (edit it, then run this again). Figures are replayed \
            in the order they were recorded, each at its own time. As in the daemon, the rule reads \
            only figures of its statuses: current ones (stated as fact) unless its 'status:' key \
            names past values or forecasts too (docs/FIGURES.md).

            --format json prints each transition as the webhook would receive it (one object per \
            line, docs/ALERTS.md) and the summary on standard error.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var options: StoreOptions

    @Option(help: "Output format: text, or json (one object per transition, as the webhook body).")
    var format: Format = .text

    @Argument(help: "The id of an alert rule in the configuration.")
    var rule: String

    func run() async throws {
        try await Self.reportingErrors {
            try await options.withStore { configuration, store in
                guard let rule = configuration.alerts.first(where: { $0.id == self.rule }) else {
                    let known = configuration.alerts.map(\.id).joined(separator: ", ")
                    throw CLIError.usage("no alert rule '\(self.rule)' in \(configuration.path) (rules: \(known.isEmpty ? "none" : known))")
                }
                if case .sourceFailingAfter = rule.condition {
                    throw CLIError.usage("'\(rule.id)' watches sources failing, which the store keeps no history of: nothing to replay")
                }
                let evaluator = AlertEvaluator(rule: rule, fx: FXRates(rates: configuration.fx.rates))
                let names = Dictionary(configuration.entities.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
                var states: [String: AlertState] = [:]
                var cursor: Int64 = 0
                var fired = 0, seen = 0
                while true {
                    let batch = try await store.sightings(after: cursor, limit: 1000)
                    for sighting in batch {
                        cursor = sighting.id
                        guard let entity = sighting.entity, evaluator.watches(sighting) else { continue }
                        seen += 1
                        var state = states[entity] ?? AlertState()
                        let transitions = [
                            evaluator.tick(&state, entity: entity, now: sighting.time),
                            evaluator.apply(sighting, to: &state, now: sighting.time),
                        ]
                        for t in transitions.compactMap({ $0 }) {
                            let name = names[entity] ?? entity
                            switch format {
                            case .text: Terminal.print("\(Timestamp.iso8601(t.at))  \(t.text(entityName: name))")
                            case .json: Terminal.print(AlertPayload.json(t, entityName: name))
                            }
                            fired += 1
                        }
                        states[entity] = state
                    }
                    if batch.count < 1000 { break }
                }
                let summary = "\(rule.id): \(fired) transitions from \(seen) figures (status \(FigureStatus.names(rule.statuses)))"
                if format == .json { Terminal.error(summary) } else { Terminal.print(summary) }
            }
        }
    }
}
