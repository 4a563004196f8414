/// Scores what an element's `class` and `id` say about it: `article-body` and `post_content`
/// promise the article, `related-news`, `comment-list` and `footer` promise furniture.
///
/// The words come from the corpus and from how news sites name their boxes, including the
/// pinyin names Chinese sites use (`xgyd` 相关阅读, `tuijian` 推荐). Matching runs once per
/// element over the attribute bytes, so it is a single pass with patterns indexed by their
/// first byte rather than a search per pattern.
enum ClassHints {
    private struct Pattern {
        let bytes: [UInt8]
        let positive: Bool
        /// Must be a whole word of the class or id (split at anything not a letter or digit).
        let wholeWord: Bool
    }

    /// Stems that promise the article.
    private static let positive = [
        "article", "content", "entry", "story", "body", "text", "main", "post", "detail", "artic", "zhengwen",
        "blog",
    ]

    /// Stems distinctive enough to match inside a longer class name (`related-posts`, `commentList`).
    private static let negative = [
        "comment", "related", "footer", "sidebar", "share", "sharing", "social", "breadcrumb", "menu", "advert",
        "promo", "recommend", "sponsor", "newsletter", "subscri", "popup", "cookie", "banner", "widget",
        "toolbar", "paginat", "copyright", "outbrain", "taboola", "masthead", "xgyd", "xgxw", "tuijian",
        "hotnews", "navbar", "navigation", "disqus", "byline", "dateline", "timestamp", "readmore", "trending",
        "popular", "keyword", "gallery", "slideshow", "carousel",
    ]

    /// Short words that are furniture only as a whole word (`nav`, `ad`, `pager`): as stems
    /// they would hit `pageRow`, `headline` and `load`.
    private static let negativeWords = [
        "nav", "ad", "ads", "foot", "side", "aside", "hot", "more", "meta", "links", "tag", "tags", "bottom",
        "header", "head", "extra", "source", "date", "time", "pager", "rank", "ranking", "author", "caption",
        "credit", "print", "login", "signup", "latest", "next", "prev", "skip", "modal", "overlay", "jump",
        "top10", "hidden", "hide",
    ]

    /// Patterns by first byte.
    private static let table: [[Pattern]] = {
        var table = [[Pattern]](repeating: [], count: 256)
        func add(_ words: [String], positive: Bool, wholeWord: Bool) {
            for word in words {
                let bytes = Array(word.utf8)
                table[Int(bytes[0])].append(Pattern(bytes: bytes, positive: positive, wholeWord: wholeWord))
            }
        }
        add(positive, positive: true, wholeWord: false)
        add(negative, positive: false, wholeWord: false)
        add(negativeWords, positive: false, wholeWord: true)
        return table
    }()

    @inline(__always)
    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
    }

    /// +25 for an article hint, -25 for a furniture hint (both: 0). `text` must be lowercase.
    static func weight(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var hasPositive = false
        var hasNegative = false
        let n = text.count
        for i in 0..<n {
            let candidates = table[Int(text[i])]
            if candidates.isEmpty { continue }
            let atWordStart = i == 0 || !isWordByte(text[i - 1])
            for pattern in candidates {
                if pattern.positive ? hasPositive : hasNegative { continue }
                if pattern.wholeWord && !atWordStart { continue }
                let m = pattern.bytes.count
                guard i + m <= n else { continue }
                var j = 1
                while j < m && text[i + j] == pattern.bytes[j] { j += 1 }
                guard j == m else { continue }
                if pattern.wholeWord && i + m < n && isWordByte(text[i + m]) { continue }
                if pattern.positive { hasPositive = true } else { hasNegative = true }
            }
            if hasPositive && hasNegative { break }
        }
        return (hasPositive ? 25 : 0) - (hasNegative ? 25 : 0)
    }
}
