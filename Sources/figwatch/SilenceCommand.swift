import ArgumentParser
import FigwatchConfig
import FigwatchCore
import FigwatchStore
import Foundation

/// `figwatch silence add | list | expire`: mute an alert rule's deliveries for a while.
struct SilenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "silence",
        abstract: "Mute an alert rule's notifications for a while: add, list and expire silences.",
        discussion: """
            A silence mutes the deliveries of one rule (for one entity, or all): while it is active the \
            rule's transitions are still evaluated, recorded ('figwatch alerts' names the silence) and \
            logged, but nothing is queued for its webhook or notifiers and no command runs. It ends by \
            itself, or with 'figwatch silence expire', without a restart. Silences live in the store; \
            these commands work while the daemon runs (docs/ALERTS.md).
            """,
        subcommands: [Add.self, List.self, Expire.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Mute an alert rule's notifications from now on for a duration.",
            discussion: """
                Starts now; prints 'silence ID: RULE for ENTITY until TIME', the id being what 'silence \
                expire' takes. Exits 64 when the rule or entity is not in the configuration (or the rule \
                watches another entity), the duration is not one or the comment is empty; 78 when the \
                configuration is invalid; 1 when the store cannot be written.

                Example: figwatch silence add --rule alibaba-above-4t --for 24h --comment "earnings day"
                """)

        @OptionGroup var options: StoreOptions

        @Option(help: "The id of an alert rule in the configuration.")
        var rule: String

        @Option(help: "Mute only this entity (id, name or alias; for a source_failing_after rule: a source id).")
        var entity: String?

        @Option(name: .customLong("for"), help: ArgumentHelp("How long: 30m, 24h, 7d, 1h30m.", valueName: "duration"))
        var duration: String

        @Option(help: "Why: shown by 'silence list'.")
        var comment: String

        func run() async throws {
            try await Self.reportingErrors {
                let loaded = try ConfigSupport.load(explicitPath: options.config)
                let now = SystemClock().now()
                let silence = try SilenceInput.silence(
                    rule: rule, entity: entity, duration: duration, comment: comment, in: loaded, now: now)
                let added = try await StoreSupport.withSilenceStore(loaded) { store in try await store.addSilence(silence) }
                Terminal.print(
                    "silence \(added.id): \(added.rule) for \(added.entity ?? "every entity") until "
                        + Timestamp.iso8601(added.endsAt))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the active silences (with --all, expired ones too).",
            discussion: """
                --format json prints one object per line: id, rule, entity, state (active, pending, \
                expired), starts_at, ends_at, expired_at, comment, created_by, created_at; times in RFC \
                3339 UTC. Reads the store read-only.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

        @OptionGroup var options: StoreOptions

        @Flag(help: "Also list expired silences.")
        var all = false

        @Option(help: "Output format: table or json (one object per line).")
        var format: Format = .table

        func run() async throws {
            try await Self.reportingErrors {
                try await options.withStore { _, store in
                    let now = SystemClock().now()
                    let silences = try await store.silences().filter { all || SilenceInput.state($0, at: now) != "expired" }
                    switch format {
                    case .json:
                        for silence in silences { Terminal.print(SilenceInput.json(silence, at: now)) }
                    case .table:
                        guard !silences.isEmpty else {
                            Terminal.print(all ? "no silences" : "no active silences")
                            return
                        }
                        let rows = silences.map { s -> [String] in
                            [String(s.id), SilenceInput.state(s, at: now), s.rule, s.entity ?? "*",
                             Timestamp.iso8601(s.startsAt), Timestamp.iso8601(s.end), s.createdBy, s.comment]
                        }
                        Terminal.print(TextTable.render(
                            header: ["ID", "STATE", "RULE", "ENTITY", "STARTS", "ENDS", "BY", "COMMENT"], rows: rows))
                    }
                }
            }
        }
    }

    struct Expire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "expire",
            abstract: "End a silence now: the rule's next transition is delivered again.",
            discussion: "Exits 1 when the store has no silence with that id ('figwatch silence list --all' lists them).")

        @OptionGroup var options: StoreOptions

        @Argument(help: "The silence's id, as 'silence add' printed it.")
        var id: Int64

        func run() async throws {
            try await Self.reportingErrors {
                let loaded = try ConfigSupport.load(explicitPath: options.config)
                let now = SystemClock().now()
                let id = self.id
                let message = try await StoreSupport.withSilenceStore(loaded) { store -> String in
                    guard let silence = try await store.silences().first(where: { $0.id == id }) else {
                        throw CLIError.runtime("no silence \(id) in the store (figwatch silence list --all lists them)")
                    }
                    if let expired = silence.expiredAt {
                        return "silence \(id) was already expired at \(Timestamp.iso8601(expired))"
                    }
                    if silence.endsAt <= now {
                        return "silence \(id) already ended at \(Timestamp.iso8601(silence.endsAt))"
                    }
                    _ = try await store.expireSilence(id: id, at: now)
                    return "silence \(id) expired: \(silence.rule) for \(silence.entity ?? "every entity") is delivered again"
                }
                Terminal.print(message)
            }
        }
    }
}

/// What the silence commands check and print, apart from their I/O.
enum SilenceInput {
    /// The silence `figwatch silence add` records, checked against the configuration: the rule exists,
    /// the entity is one the rule can fire for, the duration is positive, the comment says something.
    static func silence(
        rule id: String, entity: String?, duration: String, comment: String, in configuration: Configuration, now: Int64
    ) throws -> Silence {
        guard let rule = configuration.alerts.first(where: { $0.id == id }) else {
            let known = configuration.alerts.map(\.id).joined(separator: ", ")
            throw CLIError.usage("no alert rule '\(id)' in \(configuration.path) (rules: \(known.isEmpty ? "none" : known))")
        }
        guard let length = ConfigValues.duration(duration), length > .zero else {
            throw CLIError.usage("--for '\(duration)' is not a duration (30m, 24h, 7d, 1h30m)")
        }
        let reason = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw CLIError.usage("--comment is empty: say why the rule is silenced")
        }
        return Silence(
            rule: rule.id, entity: try entity.map { try entityID($0, rule: rule, in: configuration) }, startsAt: now,
            endsAt: now + length.components.seconds * 1000 + length.components.attoseconds / 1_000_000_000_000_000,
            comment: reason, createdBy: user(), createdAt: now)
    }

    /// `text` as the rule names what it fires for: an entity (id, name or alias), or a source id for a
    /// `source_failing_after` rule; refused when the rule watches only another one (it would mute nothing).
    static func entityID(_ text: String, rule: AlertRule, in configuration: Configuration) throws -> String {
        let id: String
        if case .sourceFailingAfter = rule.condition {
            guard configuration.sources.contains(where: { $0.id == text }) else {
                throw CLIError.usage("no source '\(text)' in \(configuration.path): '\(rule.id)' fires for sources")
            }
            id = text
            if let only = rule.source, only != id {
                throw CLIError.usage("'\(rule.id)' watches only source '\(only)': a silence for '\(id)' would mute nothing")
            }
        } else {
            id = try EntityLookup.id(text, in: configuration)
            if let only = rule.entity, only != id {
                throw CLIError.usage("'\(rule.id)' watches only entity '\(only)': a silence for '\(id)' would mute nothing")
            }
        }
        return id
    }

    /// Who runs the command: the user behind `sudo` when there is one, else the effective user.
    static func user() -> String {
        let environment = ProcessInfo.processInfo.environment
        if geteuid() == 0, let invoker = environment["SUDO_USER"], !invoker.isEmpty { return invoker }
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(geteuid())"
    }

    /// `active`, `pending` (starts later) or `expired` (ended, or expired by hand).
    static func state(_ silence: Silence, at now: Int64) -> String {
        if silence.expiredAt != nil || silence.endsAt <= now { return "expired" }
        return silence.startsAt > now ? "pending" : "active"
    }

    static func json(_ s: Silence, at now: Int64) -> String {
        var object = JSONObject()
        object.add("id", s.id)
        object.add("rule", s.rule)
        object.add("entity", s.entity)
        object.add("state", state(s, at: now))
        object.add("starts_at", Timestamp.iso8601(s.startsAt))
        object.add("ends_at", Timestamp.iso8601(s.endsAt))
        object.add("expired_at", s.expiredAt.map(Timestamp.iso8601))
        object.add("comment", s.comment)
        object.add("created_by", s.createdBy)
        object.add("created_at", Timestamp.iso8601(s.createdAt))
        return object.description
    }
}
