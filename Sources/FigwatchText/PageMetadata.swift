import FigwatchCore

/// Turns the raw metadata a page carries into `ArticleText`'s fields, each from the most
/// reliable statement the page makes.
enum PageMetadata {
    static func resolve(_ raw: MetadataCollector, structured: StructuredData, text: String) -> ArticleText {
        let metas = raw.metas
        let title = [metas["og:title"], structured.headline, raw.title, metas["twitter:title"]]
            .compactMap { $0?.collapsingWhitespace() }.first { !$0.isEmpty }
        let canonical = [raw.canonicalLink, metas["og:url"]].compactMap { $0 }.first { !$0.isEmpty }
        let language = language(raw, structured: structured, text: text)
        let offset = language?.hasPrefix("zh") == true ? 8 * 3600 : 0
        let dateCandidates = [
            metas["article:published_time"], structured.datePublished, metas["datepublished"],
            metas["pubdate"], metas["publishdate"], metas["publish_date"], metas["date"], metas["dc.date.issued"],
            metas["dc.date"], metas["og:published_time"], metas["sailthru.date"], metas["parsely-pub-date"],
            raw.timeDatetime,
        ]
        let published = dateCandidates.lazy.compactMap { $0 }
            .compactMap { PublicationDate.epochMilliseconds($0, defaultOffsetSeconds: offset) }.first
        return ArticleText(text: text, title: title, canonicalURL: canonical, language: language, publishedAt: published)
    }

    /// The declared language, normalized, unless the text plainly says otherwise (templates
    /// keep `lang="en"` on Chinese pages); else the language guessed from the text.
    private static func language(_ raw: MetadataCollector, structured: StructuredData, text: String) -> String? {
        let declared = [raw.htmlLang, raw.metas["content-language"], raw.metas["og:locale"], structured.inLanguage]
            .compactMap { $0.flatMap(normalize) }.first
        let guessed = LanguageGuesser.language(of: text)
        guard let declared else { return guessed }
        let primary = declared.split(separator: "-").first.map(String.init) ?? declared
        if let guessed, ["zh", "ja", "ko"].contains(where: { guessed.hasPrefix($0) }), !guessed.hasPrefix(primary) {
            return guessed
        }
        if primary == "zh" {
            if declared == "zh-Hant" || declared == "zh-Hans" { return declared }
            return LanguageGuesser.chineseScript(of: text) ?? declared
        }
        return declared
    }

    /// `zh_TW` -> `zh-Hant`, `zh-cn` -> `zh-Hans`, `en_us` -> `en-US`; junk -> nil.
    static func normalize(_ tag: String) -> String? {
        let parts = tag.trimmingWhitespace().replacingOccurrences(of: "_", with: "-")
            .split(separator: "-").map(String.init)
        guard let first = parts.first?.lowercased(), (2...3).contains(first.count),
            first.allSatisfy({ $0.isASCII && $0.isLetter })
        else { return nil }
        let rest = parts.dropFirst().map { $0.lowercased() }
        if first == "zh" {
            if rest.contains(where: { ["hant", "tw", "hk", "mo"].contains($0) }) { return "zh-Hant" }
            if rest.contains(where: { ["hans", "cn", "sg"].contains($0) }) { return "zh-Hans" }
            return "zh"
        }
        if let region = rest.first, region.count == 2 { return "\(first)-\(region.uppercased())" }
        return first
    }
}
