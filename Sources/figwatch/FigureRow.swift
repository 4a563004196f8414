import FigwatchCore
import FigwatchExtract

/// A figure with where it came from, as `figwatch extract` prints it.
struct FigureRow {
    var figure: Figure
    var source: String
    var publishedAt: Int64?

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
        object.add("alternates", raw: JSONObject.array(figure.alternates.map { alternate in
            var item = JSONObject()
            item.add("value", alternate.value.description)
            item.add("currency", alternate.currency)
            item.add("bound", alternate.bound.rawValue)
            return item.description
        }))
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
    static func table(_ rows: [FigureRow]) -> String {
        let header = ["ENTITY", "METRIC", "KIND", "VALUE", "BOUND", "STATUS", "SENTENCE"]
        let body = rows.map { row -> [String] in
            let f = row.figure
            let who = f.entity ?? f.entityText.map { "(\($0))" } ?? "-"
            var value = AmountWords.describe(f.value, currency: f.currency)
            if f.currencyInferred { value += " (inferred)" }
            for alternate in f.alternates {
                value += " = " + AmountWords.describe(alternate.value, currency: alternate.currency)
            }
            return [
                who, f.metric.rawValue, f.kind.rawValue, value, f.bound.rawValue, f.status.rawValue,
                TextTable.shorten(f.sentence, to: 60),
            ]
        }
        if rows.isEmpty { return "no figures found" }
        return TextTable.render(header: header, rows: body)
    }
}
