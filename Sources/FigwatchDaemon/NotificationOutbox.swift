import FigwatchAlerts
import FigwatchConfig
import FigwatchCore
import FigwatchFetch
import FigwatchStore
import Logging

/// The notification outbox as the daemon works it, for a caller outside the daemon (`figwatch-bench
/// notify`): transitions queued exactly as the alert pass queues them, delivered by the daemon's sender.
public struct NotificationOutbox: Sendable {
    let configuration: Configuration
    let store: any AlertLedger & Outbox
    let sender: WebhookSender
    let fetcher: CurlFetcher

    public init(configuration: Configuration, store: any AlertLedger & Outbox, clock: any DaemonClock = SystemClock(), logger: Logger) throws {
        self.configuration = configuration
        self.store = store
        sender = WebhookSender(store: store, logger: logger, clock: clock, routes: DeliveryRoutes(configuration))
        fetcher = try CurlFetcher()
    }

    /// Records `transition` of configured rule `ruleID` with its messages (the rule's notifiers, grouped
    /// by its `group_by`) in one write, as the alert pass does.
    public func queue(_ transition: AlertTransition, rule ruleID: String) async throws {
        guard let rule = configuration.alerts.first(where: { $0.id == ruleID }) else { return }
        let name = configuration.entities.first { $0.id == transition.entity }?.name ?? transition.entity
        let notifiers = rule.notify.compactMap { id in configuration.notifiers.first { $0.id == id } }
        let state = AlertStateRecord(rule: rule.id, entity: transition.entity, state: transition.state.rawValue, since: transition.at)
        try await store.recordAlert(
            state: state, event: nil, webhooks: AlertPass.messages(for: transition, entityName: name, rule: rule, notifiers: notifiers))
    }

    /// One pass of the sender over what is due; returns how many messages were delivered.
    @discardableResult
    public func deliverDue() async -> Int {
        await sender.deliverDue(with: fetcher)
    }
}
