import FigwatchCore
import Foundation

/// `figwatch series --format json`: one JSON object per line and point, keys as in `SeriesPoint`
/// (snake_case, the provenance's beside the others), values as exact decimal strings, plus `time_iso`
/// for people reading it.
public enum SeriesJSONLines {
    public static func render(_ points: [SeriesPoint]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = ""
        for point in points {
            out += String(decoding: try encoder.encode(Line(point: point)), as: UTF8.self) + "\n"
        }
        return out
    }

    private struct Line: Encodable {
        var point: SeriesPoint

        enum Keys: String, CodingKey { case timeISO = "time_iso" }

        func encode(to encoder: any Encoder) throws {
            try point.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(Timestamp.iso8601(point.time), forKey: .timeISO)
        }
    }
}
