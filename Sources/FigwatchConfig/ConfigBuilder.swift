import FigwatchCore
import FigwatchText
import Yams

/// Reads the list sections (entities, sources, alerts) of the main file and of every
/// included one into the configuration, checking ids across all files.
struct ConfigBuilder {
    var config: Configuration
    let parseThreshold: ConfigLoader.ThresholdParser
    let directory: String
    var diagnostics: [ConfigDiagnostic] = []
    private var entityIDs: [String: String] = [:]  // id -> where first defined
    private var sourceIDs: [String: String] = [:]
    private var ruleIDs: [String: String] = [:]
    /// Each alias, lower-cased, with the entity that has it and where: an alias names one entity.
    private var aliasOwners: [String: (entity: String, at: String)] = [:]
    var notifierIDs: [String: String] = [:]

    init(config: Configuration, parseThreshold: @escaping ConfigLoader.ThresholdParser, directory: String) {
        self.config = config
        self.parseThreshold = parseThreshold
        self.directory = directory
    }

    /// Reads `id`, checking its form and that no other item of the same list uses it.
    private func readID(_ node: Node?, in list: String, index: Int, seen: inout [String: String], owner: Node, reader: inout YAMLReader) -> String? {
        let singular = ["entities": "entity", "sources": "source", "alerts": "alert rule"][list] ?? list
        guard let node else {
            reader.report(owner, "\(list)[\(index)] has no id")
            return nil
        }
        guard let id = reader.string(node, at: "\(list)[\(index)].id") else { return nil }
        guard ConfigSchema.isValidID(id) else {
            reader.report(node, "\(list)[\(index)].id '\(id)' must be lowercase letters, digits, '-', '_' or '.'")
            return nil
        }
        let here = "\(reader.file):\(node.mark?.line ?? 1)"
        if let first = seen[id] {
            reader.report(node, "duplicate \(singular) id '\(id)' (first defined at \(first))")
            return nil
        }
        seen[id] = here
        return id
    }

    mutating func readEntities(_ node: Node, reader: YAMLReader) {
        var reader = reader
        defer { diagnostics += reader.diagnostics }
        guard let items = reader.sequence(node, at: "entities") else { return }
        for (index, item) in items.enumerated() {
            guard let entries = reader.mapping(item, at: "entities[\(index)]", allowed: ConfigSchema.entity) else { continue }
            let fields = Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
            guard let id = readID(fields["id"], in: "entities", index: index, seen: &entityIDs, owner: item, reader: &reader) else { continue }
            let name = fields["name"].flatMap { reader.string($0, at: "entities[\(index)].name") } ?? id
            let aliases = fields["aliases"].flatMap { reader.stringList($0, at: "entities[\(index)].aliases") } ?? []
            checkAliases(aliases, of: id, node: fields["aliases"], reader: &reader)
            let currency = fields["currency"].flatMap { reader.currency($0, at: "entities[\(index)].currency") }
            config.entities.append(Entity(id: id, name: name, aliases: aliases, currency: currency))
        }
    }

    /// Two entities sharing an alias would make every figure that names it ambiguous: which company a
    /// figure belongs to must never depend on the order of the configuration.
    private mutating func checkAliases(_ aliases: [String], of id: String, node: Node?, reader: inout YAMLReader) {
        guard case .sequence(let items)? = node else { return }
        for (alias, item) in zip(aliases, items) {
            let key = alias.lowercased()
            if let owner = aliasOwners[key], owner.entity != id {
                reader.report(item, "alias '\(alias)' is shared by entities '\(owner.entity)' (at \(owner.at)) and '\(id)': give it to one")
            } else {
                aliasOwners[key] = (id, "\(reader.file):\(item.mark?.line ?? 1)")
            }
        }
    }

    /// A source's `content:` or `follow:` XPath, compiled now so that a typo is a configuration
    /// error naming its key, not a failure of every fetch of that source.
    private func xpath(_ node: Node?, at path: String, reader: inout YAMLReader) -> String? {
        guard let node, let text = reader.string(node, at: path) else { return nil }
        if let problem = XPathCheck.problem(text) {
            reader.report(node, "\(path): \(problem)")
            return nil
        }
        return text
    }

    mutating func readSources(_ node: Node, reader: YAMLReader) {
        var reader = reader
        defer { diagnostics += reader.diagnostics }
        guard let items = reader.sequence(node, at: "sources") else { return }
        for (index, item) in items.enumerated() {
            let path = "sources[\(index)]"
            guard let entries = reader.mapping(item, at: path, allowed: ConfigSchema.source) else { continue }
            let fields = Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
            let id = readID(fields["id"], in: "sources", index: index, seen: &sourceIDs, owner: item, reader: &reader)
            var url: String?
            if let urlNode = fields["url"], let text = reader.string(urlNode, at: "\(path).url") {
                let resolved = URLCheck.resolvingRelativeFile(text, directory: directory)
                if let problem = URLCheck.problem(resolved, allowFile: config.fetch.allowFileURLs) {
                    reader.report(urlNode, "\(path).url: \(problem)")
                } else {
                    url = resolved
                }
            } else if fields["url"] == nil {
                reader.report(item, "\(path) has no url")
            }
            var type = Configuration.SourceType.page
            if let typeNode = fields["type"], let text = reader.string(typeNode, at: "\(path).type") {
                if let parsed = Configuration.SourceType(rawValue: text) {
                    type = parsed
                } else {
                    reader.report(typeNode, "\(path).type must be page, feed or listing, not '\(text)'")
                }
            }
            let interval = fields["interval"].flatMap { reader.duration($0, at: "\(path).interval") } ?? config.defaultInterval
            let content = xpath(fields["content"], at: "\(path).content", reader: &reader)
            let follow = xpath(fields["follow"], at: "\(path).follow", reader: &reader)
            let charset = fields["charset"].flatMap { reader.string($0, at: "\(path).charset") }
            let currency = fields["currency"].flatMap { reader.currency($0, at: "\(path).currency") }
            let region = fields["region"].flatMap { reader.region($0, at: "\(path).region") }
            if type == .listing && fields["follow"] == nil {
                reader.report(item, "\(path): a listing source needs 'follow' (an XPath selecting the links to fetch)")
            } else if type != .listing, let followNode = fields["follow"] {
                reader.report(followNode, "\(path).follow is only for type: listing")
            }
            guard let id, let url else { continue }
            config.sources.append(.init(
                id: id, url: url, type: type, interval: interval, content: content, follow: follow, charset: charset,
                currency: currency, region: region))
        }
    }

    mutating func readAlerts(_ node: Node, reader: YAMLReader) {
        var reader = reader
        defer { diagnostics += reader.diagnostics }
        guard let items = reader.sequence(node, at: "alerts") else { return }
        for (index, item) in items.enumerated() {
            guard let entries = reader.mapping(item, at: "alerts[\(index)]", allowed: ConfigSchema.alert) else { continue }
            var rule = AlertRuleReader(path: "alerts[\(index)]", item: item, entries: entries, parseThreshold: parseThreshold)
            let id = readID(rule.fields["id"], in: "alerts", index: index, seen: &ruleIDs, owner: item, reader: &reader)
            var notify = config.defaultNotify
            var notifyOK = true
            if let node = rule.fields["notify"] {
                let ids = reader.stringList(node, at: "alerts[\(index)].notify")
                if let ids, let checked = checkNotify(ids, node: node, at: "alerts[\(index)].notify", reader: &reader) {
                    notify = checked
                } else {
                    notifyOK = false
                }
            }
            let entities = Dictionary(config.entities.map { ($0.id, $0.currency) }, uniquingKeysWith: { a, _ in a })
            if var built = rule.build(id: id, entities: entities, sources: Set(config.sources.map(\.id)), reader: &reader),
                notifyOK
            {
                built.notify = notify
                built.grouping = reader.grouping(rule.fields, at: "alerts[\(index)]", base: config.defaultGrouping)
                config.alerts.append(built)
            }
        }
    }
}
