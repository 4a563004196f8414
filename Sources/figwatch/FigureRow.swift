import FigwatchCore
import FigwatchExtract
import FigwatchReport

/// A figure with where it came from, as `figwatch extract` prints it.
struct FigureRow {
    var figure: Figure
    var source: String
    var publishedAt: Int64?

    /// The JSON and CSV field names, in the order docs/FIGURES.md lists them (`status` last).
    static let fields = [
        "entity", "entity_text", "metric", "kind", "value", "currency", "currency_inferred", "bound", "alternates",
        "text", "sentence", "offset", "lang", "source", "published_at", "status",
    ]

    var alternatesJSON: String {
        JSONObject.array(figure.alternates.map { alternate in
            var item = JSONObject()
            item.add("value", alternate.value.description)
            item.add("currency", alternate.currency)
            item.add("bound", alternate.bound.rawValue)
            return item.description
        })
    }

    /// `extract --format csv`: the JSON form's fields as columns (RFC 4180), empty for null,
    /// the alternates as their JSON array.
    static func csv(_ rows: [FigureRow]) -> String {
        var out = SeriesCSV.record(fields)
        for row in rows {
            let f = row.figure
            out += SeriesCSV.record([
                f.entity ?? "", f.entityText ?? "", f.metric.rawValue, f.kind.rawValue, f.value.description, f.currency ?? "",
                f.currencyInferred ? "true" : "false", f.bound.rawValue, row.alternatesJSON, f.text, f.sentence, String(f.offset),
                f.lang, row.source, row.publishedAt.map(Timestamp.iso8601) ?? "", f.status.rawValue,
            ])
        }
        return out
    }

    /// One JSON object, fields in the order docs/FIGURES.md lists them (`status` last).
    var json: String {
        var object = JSONObject()
        object.add("entity", figure.entity)
        object.add("entity_text", figure.entityText)
        object.add("metric", figure.metric.rawValue)
        object.add("kind", figure.kind.rawValue)
        object.add("value", figure.value.description)
        object.add("currency", figure.currency)
        object.add("currency_inferred", figure.currencyInferred)
        object.add("bound", figure.bound.rawValue)
        object.add("alternates", raw: alternatesJSON)
        object.add("text", figure.text)
        object.add("sentence", figure.sentence)
        object.add("offset", figure.offset)
        object.add("lang", figure.lang)
        object.add("source", source)
        object.add("published_at", publishedAt.map(Timestamp.iso8601))
        object.add("status", figure.status.rawValue)
        return object.description
    }

    /// Columns for people: entity, metric, kind, value in words, bound, status, the sentence shortened.
    /// With `showSource` (several inputs), a SOURCE column says which input each figure came from.
    static func table(_ rows: [FigureRow], showSource: Bool = false) -> String {
        let header = (showSource ? ["SOURCE"] : []) + ["ENTITY", "METRIC", "KIND", "VALUE", "BOUND", "STATUS", "SENTENCE"]
        let body = rows.map { row -> [String] in
            let f = row.figure
            let who = f.entity ?? f.entityText.map { "(\($0))" } ?? "-"
            var value = AmountWords.describe(f.value, currency: f.currency)
            if f.currencyInferred { value += " (inferred)" }
            for alternate in f.alternates {
                value += " = " + AmountWords.describe(alternate.value, currency: alternate.currency)
            }
            return (showSource ? [row.source] : []) + [
                who, f.metric.rawValue, f.kind.rawValue, value, f.bound.rawValue, f.status.rawValue,
                TextTable.shorten(f.sentence, to: 60),
            ]
        }
        if rows.isEmpty { return "no figures found" }
        return TextTable.render(header: header, rows: body)
    }
}
