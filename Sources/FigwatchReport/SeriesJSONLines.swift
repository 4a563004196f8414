import FigwatchCore
import Foundation

/// `figwatch series --format json`: one JSON object per line and point, keys as in `SeriesPoint`
/// (snake_case, the provenance's beside the others), values as exact decimal strings, and every time
/// (`time`, `published_at`, `observed_at`) in RFC 3339 UTC, as in every other figwatch JSON.
/// `SeriesPoint`'s decoder reads these lines back.
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

        typealias Keys = SeriesPoint.CodingKeys

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(point.id, forKey: .id)
            try c.encodeIfPresent(point.entity, forKey: .entity)
            try c.encode(point.metric, forKey: .metric)
            try c.encode(point.kind, forKey: .kind)
            try c.encode(point.value, forKey: .value)
            try c.encodeIfPresent(point.currency, forKey: .currency)
            try c.encode(point.currencyInferred, forKey: .currencyInferred)
            try c.encode(point.bound, forKey: .bound)
            try c.encode(point.status, forKey: .status)
            try c.encode(Timestamp.iso8601(point.time), forKey: .time)
            try c.encode(point.sourceCount, forKey: .sourceCount)
            try c.encode(point.firstSourceURL, forKey: .firstSourceURL)
            if let provenance = point.provenance {
                try c.encode(provenance.alternates, forKey: .alternates)
                try c.encodeIfPresent(provenance.publishedAt.map(Timestamp.iso8601), forKey: .publishedAt)
                try c.encode(Timestamp.iso8601(provenance.observedAt), forKey: .observedAt)
                try c.encode(provenance.sentence, forKey: .sentence)
                try c.encode(provenance.offset, forKey: .offset)
            }
        }
    }
}
