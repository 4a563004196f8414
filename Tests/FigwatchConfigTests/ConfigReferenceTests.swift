import FigwatchCore
import FigwatchTestSupport
import Foundation
import Testing

@testable import FigwatchConfig

/// docs/CONFIG.md against the loader's own key tables: a key added to one and not the other fails here.
struct ConfigReferenceTests {
    /// Every key path the loader accepts, from `ConfigSchema`: `fetch.timeout`, `sources[].content` ...
    static var schemaKeys: Set<String> {
        var keys = Set(ConfigSchema.topLevel)
        let sections: [(String, [String])] = [
            ("storage.", ConfigSchema.storage), ("fetch.", ConfigSchema.fetch), ("log.", ConfigSchema.log),
            ("defaults.", ConfigSchema.defaults), ("fx.", ConfigSchema.fx), ("entities[].", ConfigSchema.entity),
            ("sources[].", ConfigSchema.source), ("alerts[].", ConfigSchema.alert), ("http.", ConfigSchema.http),
            ("notifiers[].", ConfigSchema.notifier),
        ]
        for (prefix, names) in sections { keys.formUnion(names.map { prefix + $0 }) }
        return keys
    }

    /// The keys docs/CONFIG.md documents: the first cell of each table row, `| \`key\` |`.
    static func documentedKeys() throws -> Set<String> {
        let text = try String(contentsOf: Repository.root.appendingPathComponent("docs/CONFIG.md"), encoding: .utf8)
        var keys = Set<String>()
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cell = line.dropFirst(3).prefix { $0 != "`" }
            keys.insert(String(cell))
        }
        return keys
    }

    @Test("docs/CONFIG.md documents every key the loader accepts, and no other")
    func documentedKeysMatchSchema() throws {
        let documented = try Self.documentedKeys()
        let schema = Self.schemaKeys
        #expect(schema.subtracting(documented).sorted() == [], "in the loader, not in docs/CONFIG.md")
        #expect(documented.subtracting(schema).sorted() == [], "in docs/CONFIG.md, not in the loader")
    }

    @Test("a threshold without a currency takes the rule's currency:, else its entity's")
    func thresholdCurrency() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("figwatch-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("figwatch.yaml").path
        try """
            entities:
              - {id: tsmc, currency: TWD}
              - {id: acme}
            sources:
              - {id: one, url: "https://example.com/a.html"}
            alerts:
              - {id: tsmc-30t, entity: tsmc, metric: market_cap, above: "30 trillion"}
              - {id: acme-3t, entity: acme, metric: market_cap, currency: USD, below: "3 trillion", clear_above: "3.1 trillion"}
              - {id: any-move, metric: market_cap, currency: EUR, change_above: "100 billion"}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let config = try ConfigLoader.standard.load(path: path)
        let currencies = config.alerts.map { rule -> [String?] in
            switch rule.condition {
            case .above(let t, let clear), .below(let t, let clear): return [t.currency, clear.currency]
            case .changeAbove(let t, _): return [t.currency]
            default: return []
            }
        }
        #expect(currencies == [["TWD", "TWD"], ["USD", "USD"], ["EUR"]])
    }
}

/// The README's links: to the documentation in the repository, and to nothing outside it.
struct DocumentationLinkTests {
    @Test("the README links every document, each link resolves inside the repository, and no path leaves it")
    func readmeLinks() throws {
        let root = Repository.root
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        for document in ["docs/CONFIG.md", "docs/FIGURES.md", "docs/ALERTS.md", "docs/OPERATIONS.md"] {
            #expect(readme.contains("](\(document))"), "README does not link \(document)")
        }
        // Markdown links `](target)` that are not URLs or anchors.
        var targets: [String] = []
        var rest = readme[...]
        while let open = rest.range(of: "](") {
            let after = rest[open.upperBound...]
            let target = String(after.prefix { $0 != ")" })
            targets.append(target)
            rest = after
        }
        for target in targets where !target.contains("://") && !target.hasPrefix("#") {
            let path = String(target.prefix { $0 != "#" })
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path), "\(target)")
            #expect(!path.hasPrefix("/") && !path.contains(".."), "\(target) leaves the repository")
        }
        #expect(!readme.contains("../"), "the README cites a path outside the repository")
    }
}
