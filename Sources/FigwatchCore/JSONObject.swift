/// A JSON object written in the order its fields are added, with explicit nulls.
///
/// figwatch's JSON outputs (`extract --format json`, JSON logs, webhook bodies) are
/// contracts read by scripts: fields keep a fixed order, absent values are `null`
/// rather than missing, and money is a string, so Foundation's encoder (which drops
/// nil keys and may reorder) is not used for them.
public struct JSONObject: Sendable, CustomStringConvertible {
    private var body = ""

    public init() {}

    public mutating func add(_ key: String, _ value: String?) {
        appendKey(key)
        if let value { Self.appendString(value, to: &body) } else { body += "null" }
    }

    public mutating func add(_ key: String, _ value: Int?) {
        appendKey(key)
        body += value.map(String.init) ?? "null"
    }

    public mutating func add(_ key: String, _ value: Int64?) {
        appendKey(key)
        body += value.map(String.init) ?? "null"
    }

    public mutating func add(_ key: String, _ value: Bool) {
        appendKey(key)
        body += value ? "true" : "false"
    }

    /// Adds an already-encoded JSON value (an object or array built with this type).
    public mutating func add(_ key: String, raw json: String) {
        appendKey(key)
        body += json
    }

    public var description: String { "{" + body + "}" }

    /// `[a,b,c]` of already-encoded JSON values.
    public static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

    private mutating func appendKey(_ key: String) {
        if !body.isEmpty { body += "," }
        Self.appendString(key, to: &body)
        body += ":"
    }

    /// Appends `text` as a JSON string literal (RFC 8259 escaping; non-ASCII kept as UTF-8).
    public static func appendString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
