/// Scores what an element's `class` and `id` say about it: `article-body` and `post_content`
/// promise the article, `related-news`, `comment-list` and `footer` promise furniture.
///
/// The words come from the corpus and from how news sites name their boxes, including the
/// pinyin names Chinese sites use (`xgyd` 相关阅读, `tuijian` 推荐). Matching runs once per
/// element over the attribute bytes, so it is a single pass with patterns indexed by their
/// first byte rather than a search per pattern.
enum ClassHints {
    private struct Pattern {
        let offset: Int32
        let length: Int32
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

    /// All patterns' bytes back to back, the patterns sorted by first byte, and for each
    /// byte value the range of patterns starting with it: flat storage, so that matching
    /// touches no reference-counted arrays.
    private static let index: (bytes: [UInt8], patterns: [Pattern], starts: [Int32]) = {
        var all: [(word: String, positive: Bool, wholeWord: Bool)] =
            positive.map { ($0, true, false) } + negative.map { ($0, false, false) } + negativeWords.map { ($0, false, true) }
        all.sort { $0.word.utf8.first! < $1.word.utf8.first! }
        var bytes: [UInt8] = []
        var patterns: [Pattern] = []
        var starts = [Int32](repeating: 0, count: 257)
        for entry in all {
            patterns.append(Pattern(offset: Int32(bytes.count), length: Int32(entry.word.utf8.count),
                                    positive: entry.positive, wholeWord: entry.wholeWord))
            bytes.append(contentsOf: entry.word.utf8)
        }
        var p = 0
        for b in 0..<256 {
            starts[b] = Int32(p)
            while p < all.count && Int(all[p].word.utf8.first!) == b { p += 1 }
        }
        starts[256] = Int32(p)
        return (bytes, patterns, starts)
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
        index.bytes.withUnsafeBufferPointer { bytes in
            index.patterns.withUnsafeBufferPointer { patterns in
                index.starts.withUnsafeBufferPointer { starts in
                    for i in 0..<n {
                        let first = Int(text[i])
                        let from = Int(starts[first]), to = Int(starts[first + 1])
                        if from == to { continue }
                        let atWordStart = i == 0 || !isWordByte(text[i - 1])
                        for k in from..<to {
                            let pattern = patterns[k]
                            if pattern.positive ? hasPositive : hasNegative { continue }
                            if pattern.wholeWord && !atWordStart { continue }
                            let m = Int(pattern.length)
                            guard i + m <= n else { continue }
                            let offset = Int(pattern.offset)
                            var j = 1
                            while j < m && text[i + j] == bytes[offset + j] { j += 1 }
                            guard j == m else { continue }
                            if pattern.wholeWord && i + m < n && isWordByte(text[i + m]) { continue }
                            if pattern.positive { hasPositive = true } else { hasNegative = true }
                        }
                        if hasPositive && hasNegative { break }
                    }
                }
            }
        }
        return (hasPositive ? 25 : 0) - (hasNegative ? 25 : 0)
    }
}
