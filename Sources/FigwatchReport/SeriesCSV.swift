import FigwatchCore

/// `figwatch series --format csv`: RFC 4180 (CRLF line ends, a header row, fields with a comma, quote
/// or line break quoted, quotes doubled), so spreadsheets and `csv` modules read it unchanged. The
/// sentence is the point's provenance (`figwatch series` reads it for CSV), empty for a point read
/// without it.
public enum SeriesCSV {
    static let header = [
        "time", "metric", "kind", "value", "value_words", "currency", "bound", "status", "sources", "first_source_url",
        "sentence",
    ]

    public static func render(_ points: [SeriesPoint]) -> String {
        var out = record(header)
        for point in points {
            out += record([
                Timestamp.iso8601(point.time), point.metric.rawValue, point.kind.rawValue, point.value.description,
                AmountWords.describe(point.value, currency: point.currency), point.currency ?? "",
                point.bound.rawValue, point.status.rawValue, String(point.sourceCount), point.firstSourceURL,
                point.provenance?.sentence ?? "",
            ])
        }
        return out
    }

    /// One RFC 4180 record (CRLF-terminated); `figwatch extract --format csv` writes its rows with it too.
    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
