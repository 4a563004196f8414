import CLibXML2
import FigwatchCore

/// The European Central Bank's daily reference rates
/// (`eurofxref-daily.xml`: `<Cube time="2025-09-03"><Cube currency="USD" rate="1.1655"/>...`),
/// turned into figwatch's convention of units per US dollar.
///
/// Read with the same hardened XML parsing as feeds; rates are exact decimals.
public enum ECBRatesParser {
    public struct Rates: Sendable, Hashable {
        /// The day the rates are for, as the feed writes it (`2025-09-03`).
        public var date: String
        /// Units of each currency per US dollar (USD itself is 1, EUR included).
        public var unitsPerUSD: [String: ExactDecimal]
    }

    public static func parse(_ bytes: [UInt8], url: String?) throws(TextError) -> Rates {
        let document = try FeedParser.hardenedDocument(bytes, url: url)
        defer { xmlFreeDoc(document) }
        var date: String?
        var perEUR: [String: ExactDecimal] = [:]
        func walk(_ node: xmlNodePtr) {
            for child in FeedParser.children(of: node) where FeedParser.localName(child) == "Cube" {
                if let time = FeedParser.attribute(child, "time") { date = date ?? time }
                if let code = FeedParser.attribute(child, "currency"), code.count == 3,
                    let text = FeedParser.attribute(child, "rate"), let rate = ExactDecimal(text), rate > .zero {
                    perEUR[code] = rate
                }
                walk(child)
            }
        }
        guard let root = xmlDocGetRootElement(document) else {
            throw TextError(.parseFailed, "\(url ?? "fx feed"): empty document")
        }
        walk(root)
        guard let usd = perEUR["USD"], let date else {
            throw TextError(.parseFailed, "\(url ?? "fx feed"): no dated USD rate in the ECB reference-rate document")
        }
        var unitsPerUSD: [String: ExactDecimal] = ["USD": 1]
        unitsPerUSD["EUR"] = ExactDecimal(1).divided(by: usd, fractionDigits: 8)
        for (code, rate) in perEUR where code != "USD" {
            unitsPerUSD[code] = rate.divided(by: usd, fractionDigits: 8)
        }
        return Rates(date: date, unitsPerUSD: unitsPerUSD)
    }
}
