import FigwatchCore
import Yams

/// `group_by`, `group_wait` and `group_interval`, read the same way in `defaults:` and in a rule.
extension YAMLReader {
    /// `base` with the grouping keys among `fields` applied; a bad value is reported and leaves the
    /// base's value in place.
    mutating func grouping(_ fields: [String: Node], at path: String, base: AlertGrouping) -> AlertGrouping {
        var grouping = base
        if let node = fields["group_by"], let fieldNames = groupFields(node, at: "\(path).group_by") {
            grouping.by = fieldNames
        }
        if let node = fields["group_wait"], let wait = durationOrZero(node, at: "\(path).group_wait") {
            grouping.wait = wait
        }
        if let node = fields["group_interval"], let interval = durationOrZero(node, at: "\(path).group_interval") {
            grouping.interval = interval
        }
        return grouping
    }

    /// A list of `rule`, `entity`, `metric`, `source`, each at most once; `[]` is one group.
    private mutating func groupFields(_ node: Node, at path: String) -> [AlertGrouping.Field]? {
        let allowed = AlertGrouping.Field.allCases.map(\.rawValue)
        guard case .sequence = node else {
            report(node, "\(path) must be a list of \(allowed.joined(separator: ", ")) (or [] for one group), e.g. [rule, entity]")
            return nil
        }
        guard let words = stringList(node, at: path) else { return nil }
        var fields: [AlertGrouping.Field] = []
        var ok = true
        for word in words {
            guard let field = AlertGrouping.Field(rawValue: word) else {
                var message = "\(path): unknown field '\(word)' (one of \(allowed.joined(separator: ", ")))"
                if let suggestion = Self.suggestion(for: word, among: allowed) { message += "; did you mean '\(suggestion)'?" }
                report(node, message)
                ok = false
                continue
            }
            if fields.contains(field) {
                report(node, "\(path): '\(word)' is listed twice")
                ok = false
            }
            fields.append(field)
        }
        return ok ? fields : nil
    }

    /// A duration where `0` / `0s` means "none" (send at once, no pause between messages).
    mutating func durationOrZero(_ node: Node, at path: String) -> Duration? {
        if case .scalar(let scalar) = node, scalar.string == "0" || ConfigValues.duration(scalar.string) == .zero {
            return .zero
        }
        return duration(node, at: path)
    }
}
