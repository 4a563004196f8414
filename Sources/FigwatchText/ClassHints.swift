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

    private static let negative: [[UInt8]] = [
        "comment", "related", "footer", "sidebar", "share", "social", "breadcrumb", "menu", "advert", "promo",
        "recommend", "sponsor", "newsletter", "subscri", "popup", "cookie", "banner", "widget", "toolbar",
        "paginat", "copyright", "outbrain", "taboola", "masthead", "xgyd", "xgxw", "tuijian", "hotnews",
        "rank", "-nav", "nav-", "_nav", "nav_", "navbar", "navigation", "disqus", "login", "signup",
        "byline", "author", "dateline", "timestamp", "caption", "credit", "sharing", "print", "tags",
        "keyword", "more-", "-more", "_more", "further", "also-", "readmore", "jump", "top-stories", "trending",
        "popular", "most-", "latest", "next-", "prev-", "pager", "modal", "overlay", "skip",
    ].map { Array($0.utf8) }

    /// Short words that are only furniture when they stand alone as a class or id token.
    private static let negativeWords: Set<[UInt8]> = Set(
        ["nav", "ad", "ads", "foot", "side", "aside", "hot", "more", "meta", "links", "tag", "bottom", "top",
         "header", "head", "extra", "source", "date", "time", "time-source"]
            .map { Array($0.utf8) })

    private static func hasNegativeWord(_ lowercased: [UInt8]) -> Bool {
        var start = 0
        for i in 0...lowercased.count {
            let isSeparator = i == lowercased.count || lowercased[i] == 0x20 || lowercased[i] == 0x09
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
