import FigwatchCore
import FigwatchStore
import Logging
import PostgresNIO

/// One alert rule's pass inside `PostgresStore.withAlertPass`: every read and write on the transaction
/// that holds the rule's lock, state rows read `FOR UPDATE`.
struct PostgresAlertPass: AlertPassStore {
    let connection: PostgresConnection
    let logger: Logger

    func alertState(rule: String, entity: String) async throws -> AlertStateRecord? {
        try await PostgresStore.alertState(rule: rule, entity: entity, locking: true, connection, logger)
    }

    func alertStates() async throws -> [AlertStateRecord] {
        try await PostgresStore.alertStates(connection, logger)
    }

    func recordAlert(state: AlertStateRecord, event: AlertEvent?, webhooks: [WebhookMessage]) async throws {
        try await PostgresStore.recordAlert(state: state, event: event, webhooks: webhooks, connection, logger)
    }

    func sightings(after id: Int64, limit: Int) async throws -> [Sighting] {
        try await PostgresStore.sightings(after: id, limit: limit, connection, logger)
    }

    func lastSightingID() async throws -> Int64 {
        try await PostgresStore.lastSightingID(connection, logger)
    }

    func silences(rule: String, activeAt time: Int64) async throws -> [Silence] {
        try await PostgresStore.silences(rule: rule, activeAt: time, connection, logger)
    }
}
