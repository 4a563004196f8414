import FigwatchCore
import Yams

/// Walks a composed YAML tree and reads typed values out of it, collecting one
/// diagnostic per problem (with the node's line and column) instead of stopping.
///
/// Reading through composed nodes rather than `Decodable` is what gives every
/// problem its exact position and lets unknown keys be reported with a suggestion.
struct YAMLReader {
    let file: String
    private(set) var diagnostics: [ConfigDiagnostic] = []

    init(file: String) {
        self.file = file
    }

    mutating func report(_ node: Node?, _ message: String) {
        let mark = node?.mark
        diagnostics.append(ConfigDiagnostic(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message))
    }

    /// A mapping's entries by key, in order. Unknown and duplicate keys are reported
    /// (with a "did you mean" for near misses) and left out.
    ///
    /// `suggestFrom` narrows the "did you mean" to the keys valid where the mapping is (an included
    /// file may only set some of the top-level keys); the default is `allowed`.
    mutating func mapping(
        _ node: Node, at path: String, allowed: [String], suggestFrom: [String]? = nil
    ) -> [(key: String, keyNode: Node, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            report(node, "\(path.isEmpty ? "the configuration" : path) must be a mapping of keys to values")
            return nil
        }
        var seen = Set<String>()
        var entries: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                report(keyNode, "keys in \(path.isEmpty ? "the configuration" : path) must be plain words")
                continue
            }
            let key = scalar.string
            let where_ = path.isEmpty ? "" : " in \(path)"
            guard allowed.contains(key) else {
                var message = "unknown key '\(key)'\(where_)"
                if let suggestion = Self.suggestion(for: key, among: suggestFrom ?? allowed) {
                    message += " (did you mean '\(suggestion)'?)"
                }
                report(keyNode, message)
                continue
            }
            guard seen.insert(key).inserted else {
                report(keyNode, "duplicate key '\(key)'\(where_)")
                continue
            }
            entries.append((key, keyNode, value))
        }
        return entries
    }

    mutating func sequence(_ node: Node, at path: String) -> [Node]? {
        switch node {
        case .sequence(let sequence): return Array(sequence)
        case .scalar(let scalar) where Self.isNull(scalar):
            return []
        default:
            report(node, "\(path) must be a list")
            return nil
        }
    }

    mutating func string(_ node: Node, at path: String) -> String? {
        guard case .scalar(let scalar) = node, !(scalar.style == .plain && scalar.string.isEmpty) else {
            report(node, "\(path) must be a text value")
            return nil
        }
        return scalar.string
    }

    mutating func bool(_ node: Node, at path: String) -> Bool? {
        guard case .scalar(let scalar) = node, let value = Self.bool(scalar) else {
            report(node, "\(path) must be true or false")
            return nil
        }
        return value
    }

    // Scalars are composed without Yams' type-guessing rules (`Resolver.basic`, see `ConfigLoader`):
    // the loader knows each key's type, and those rules are regular expressions whose engine (ICU's)
    // cost the daemon 1.5 MB of resident memory for a job done once at start-up. So the YAML 1.1 words
    // Yams' rules took for null and booleans are recognised here, on plain (unquoted) scalars only.

    static func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    static func bool(_ scalar: Node.Scalar) -> Bool? {
        guard scalar.style == .plain else { return nil }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    mutating func int(_ node: Node, at path: String, in range: ClosedRange<Int>) -> Int? {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
            report(node, "\(path) must be a whole number")
            return nil
        }
        guard range.contains(value) else {
            report(node, "\(path) must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
            return nil
        }
        return value
    }

    mutating func duration(_ node: Node, at path: String) -> Duration? {
        guard let text = string(node, at: path) else { return nil }
        if ConfigValues.duration(text) == .zero {
            report(node, "\(path): zero is not allowed (give a positive duration such as 30s, 15m, 6h)")
            return nil
        }
        guard let value = ConfigValues.duration(text), value > .zero else {
            report(node, "\(path): unparsable duration '\(text)' (expected a number with a unit: 500ms, 30s, 15m, 6h, 7d)")
            return nil
        }
        return value
    }

    mutating func byteSize(_ node: Node, at path: String) -> Int? {
        guard let text = string(node, at: path) else { return nil }
        guard let value = ConfigValues.byteSize(text), value > 0 else {
            report(node, "\(path): unparsable size '\(text)' (expected e.g. 8MiB, 512KiB, 1000000)")
            return nil
        }
        return value
    }

    /// An ISO 4217 code of a currency figwatch reads (`ISOCodes.currencies`), in upper case as the
    /// standard writes it: `hkd` is refused with the spelling it should have, not taken silently.
    mutating func currency(_ node: Node, at path: String) -> String? {
        guard let text = string(node, at: path) else { return nil }
        if ISOCodes.currencies.contains(text) { return text }
        if ISOCodes.currencies.contains(text.uppercased()) {
            report(node, "\(path): '\(text)' must be written in upper case: \(text.uppercased())")
        } else {
            report(node, "\(path): '\(text)' is not an ISO 4217 currency code figwatch knows ("
                + ISOCodes.currencies.sorted().joined(separator: ", ") + ")")
        }
        return nil
    }

    /// An ISO 3166-1 alpha-2 region code (`TW`, `HK`, `CN`), upper case.
    mutating func region(_ node: Node, at path: String) -> String? {
        guard let text = string(node, at: path) else { return nil }
        if ISOCodes.regions.contains(text) { return text }
        if ISOCodes.regions.contains(text.uppercased()) {
            report(node, "\(path): '\(text)' must be written in upper case: \(text.uppercased())")
        } else {
            report(node, "\(path): '\(text)' is not an ISO 3166 two-letter region code (e.g. TW, HK, CN, US)")
        }
        return nil
    }

    mutating func stringList(_ node: Node, at path: String) -> [String]? {
        guard let items = sequence(node, at: path) else { return nil }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard let text = string(item, at: "\(path)[\(index)]") else { return nil }
            result.append(text)
        }
        return result
    }

    /// The allowed word closest to a misspelt one, when it is close enough to be a typo.
    static func suggestion(for key: String, among allowed: [String]) -> String? {
        let scored = allowed.map { ($0, editDistance(key.lowercased(), $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, key.count / 3) ? best.0 : nil
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
