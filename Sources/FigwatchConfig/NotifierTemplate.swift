import Foundation

/// The `{placeholder}` language of notifier templates (`templates.firing`, `templates.resolved`, a
/// webhook's `body`): the names there are and the one scanner both the loader (to check a body) and the
/// daemon (to fill one in) use.
public enum NotifierTemplate {
    /// What a message template may name, one transition's fields.
    public static let placeholders: Set<String> = [
        "state", "STATE", "rule", "entity", "entity_name", "metric", "metric_name", "value", "value_words", "currency",
        "relation", "threshold", "sentence", "source", "at", "sites", "sites_text",
    ]

    /// What a webhook `body` may name besides those: the whole message's text and title, figwatch's JSON
    /// (`json`: the object it would send; `alerts`: the array of every transition's object), how many
    /// transitions it carries, and the group's key.
    public static let bodyPlaceholders: Set<String> = placeholders.union(["text", "title", "json", "alerts", "count", "group"])

    /// Placeholders a body inserts as JSON as they are (not as the inside of a string).
    public static let rawJSONPlaceholders: Set<String> = ["json", "alerts"]

    /// `template` with each `{name}` replaced by `value(name)`; a `{` not followed by a name and `}`, or
    /// a name `value` returns `nil` for, is left as written (JSON's own braces stay). Counts the names
    /// replaced and how many of them were not empty, so a caller can drop a line whose fields are all empty.
    public static func fill(_ template: Substring, _ value: (String) -> String?) -> (text: String, used: Int, filled: Int) {
        var out = ""
        var used = 0, filled = 0
        var rest = template
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            let name = rest[afterOpen...].prefix { $0.isASCII && ($0.isLetter || $0 == "_") }
            let close = name.endIndex
            if !name.isEmpty, close < rest.endIndex, rest[close] == "}", let replacement = value(String(name)) {
                used += 1
                if !replacement.isEmpty { filled += 1 }
                out += replacement
                rest = rest[rest.index(after: close)...]
            } else {
                out += "{"
                rest = rest[afterOpen...]
            }
        }
        out += rest
        return (out, used, filled)
    }

    /// Why a webhook `body` cannot work, or `nil`: a name no body has, or (unless the headers set a
    /// Content-Type that is not JSON) a text that is not JSON once filled in.
    public static func bodyProblem(_ body: String, headers: [[String]]) -> String? {
        var unknown: [String] = []
        let sample = fill(Substring(body)) { name in
            if rawJSONPlaceholders.contains(name) { return name == "json" ? "{}" : "[]" }
            // Numbers may stand alone; text must be inside a JSON string.
            if ["value", "count", "sites"].contains(name) { return "1" }
            if bodyPlaceholders.contains(name) { return "x" }
            unknown.append(name)
            return nil
        }.text
        if let name = unknown.first {
            return "unknown placeholder {\(name)} (one of \(bodyPlaceholders.sorted().map { "{\($0)}" }.joined(separator: ", ")))"
        }
        let contentType = headers.first { $0[0].lowercased() == "content-type" }?[1].lowercased()
        if let contentType, !contentType.contains("json") { return nil }
        guard (try? JSONSerialization.jsonObject(with: Data(sample.utf8), options: [.fragmentsAllowed])) != nil else {
            return "is not JSON once filled in (placeholders go inside JSON strings, \"{entity_name}\"; {json} and {alerts} stand alone); "
                + "set a Content-Type header to send something else"
        }
        return nil
    }
}
