/// Scores what an element's `class` and `id` say about it: `article-body` and `post_content`
/// promise the article, `related-news`, `comment-list` and `footer` promise furniture.
///
/// The words come from the corpus and from how news sites name their boxes, including the
/// pinyin names Chinese sites use (`xgyd` 相关阅读, `tuijian` 推荐).
enum ClassHints {
    /// +25 for an article hint, -25 for a furniture hint (both: 0).
    static func weight(_ lowercased: [UInt8]) -> Int {
        var weight = 0
        if positive.contains(where: { lowercased.contains($0) }) { weight += 25 }
        if negative.contains(where: { lowercased.contains($0) }) || hasNegativeWord(lowercased) { weight -= 25 }
        return weight
    }

    private static let positive: [[UInt8]] = [
        "article", "content", "entry", "story", "body", "text", "main", "post", "detail", "artic", "zhengwen",
        "blog", "page-content",
    ].map { Array($0.utf8) }

    /// Stems distinctive enough to match inside a longer class name (`related-posts`, `commentList`).
    private static let negative: [[UInt8]] = [
        "comment", "related", "footer", "sidebar", "share", "sharing", "social", "breadcrumb", "menu", "advert",
        "promo", "recommend", "sponsor", "newsletter", "subscri", "popup", "cookie", "banner", "widget",
        "toolbar", "paginat", "copyright", "outbrain", "taboola", "masthead", "xgyd", "xgxw", "tuijian",
        "hotnews", "navbar", "navigation", "disqus", "byline", "dateline", "timestamp", "readmore", "trending",
        "popular", "keyword", "gallery", "slideshow", "carousel",
    ].map { Array($0.utf8) }

    /// Short words that are furniture only as a whole word of a class or id (`nav`, `ad`,
    /// `pager`): as stems they would hit `pagerow`, `header`-less `head`lines and `load`.
    private static let negativeWords: Set<[UInt8]> = Set(
        ["nav", "ad", "ads", "foot", "side", "aside", "hot", "more", "meta", "links", "tag", "tags", "bottom",
         "header", "head", "extra", "source", "date", "time", "pager", "rank", "ranking", "author", "caption",
         "credit", "print", "login", "signup", "latest", "next", "prev", "skip", "modal", "overlay", "jump",
         "top10", "hidden", "hide"]
            .map { Array($0.utf8) })

    /// Whether a word of the class or id (split at anything not a letter or digit) is a negative word.
    private static func hasNegativeWord(_ lowercased: [UInt8]) -> Bool {
        var start = 0
        for i in 0...lowercased.count {
            let isSeparator = i == lowercased.count
                || !((lowercased[i] >= 0x61 && lowercased[i] <= 0x7A) || (lowercased[i] >= 0x30 && lowercased[i] <= 0x39))
            if isSeparator {
                if i > start, negativeWords.contains(Array(lowercased[start..<i])) { return true }
                start = i + 1
            }
        }
        return false
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in `self` (byte substring search; the strings are short).
    func contains(_ needle: [UInt8]) -> Bool {
        let n = count, m = needle.count
        guard m > 0, m <= n else { return m == 0 }
        let first = needle[0]
        var i = 0
        while i <= n - m {
            if self[i] == first {
                var j = 1
                while j < m && self[i + j] == needle[j] { j += 1 }
                if j == m { return true }
            }
            i += 1
        }
        return false
    }
}
