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
            ?? visibleDateline(raw, defaultOffsetSeconds: offset)
        return ArticleText(text: text, title: title, canonicalURL: canonical, language: language, publishedAt: published)
    }

    /// The first short date-or-time box (by class or id) whose text reads as a date, such as
    /// 163.com's `<div class="post_time_source">2015-07-08 08:37:14 来源: ...`.
    private static func visibleDateline(_ raw: MetadataCollector, defaultOffsetSeconds: Int) -> Int64? {
        for node in raw.datedElements {
            let text = Node.textContent(node)
            guard text.utf8.count <= 300 else { continue }
            if let value = PublicationDate.epochMilliseconds(text, defaultOffsetSeconds: defaultOffsetSeconds) {
                return value
            }
        }
        return nil
    }

    /// The declared language, normalized; when the page declares several (templates keep
    /// `lang="en"` on Spanish or Chinese pages), the one the text agrees with. A Chinese,
    /// Japanese or Korean text beats any declaration; with nothing declared, the guess.
    private static func language(_ raw: MetadataCollector, structured: StructuredData, text: String) -> String? {
        let declared = [raw.htmlLang, raw.metas["content-language"], raw.metas["og:locale"], raw.metas["dc.language"],
                        structured.inLanguage]
            .compactMap { $0.flatMap(normalize) }
        let guessed = LanguageGuesser.language(of: text)
        func primary(_ tag: String) -> String { tag.split(separator: "-").first.map(String.init) ?? tag }
        guard let first = declared.first else { return guessed }
        var chosen = first
        if let guessed {
            if let agreeing = declared.first(where: { primary($0) == primary(guessed) }) {
                chosen = agreeing
            } else if ["zh", "ja", "ko"].contains(primary(guessed)) {
                return guessed
            }
        }
        if primary(chosen) == "zh" && chosen != "zh-Hant" && chosen != "zh-Hans" {
            return LanguageGuesser.chineseScript(of: text) ?? chosen
        }
        return chosen
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
