/// What an element's tag means to the text extractor.
struct TagTraits: OptionSet, Sendable {
    let rawValue: UInt16

    /// Never rendered as text: scripts, styles, embedded documents, form controls.
    static let invisible = TagTraits(rawValue: 1 << 0)
    /// Starts and ends a paragraph of output.
    static let block = TagTraits(rawValue: 1 << 1)
    static let heading = TagTraits(rawValue: 1 << 2)
    /// Holds running text: a scoring unit for picking the article container.
    static let paragraph = TagTraits(rawValue: 1 << 3)
    static let link = TagTraits(rawValue: 1 << 4)
    /// Page furniture by its very name: `nav`, `aside`, `footer`, `header`, `menu`.
    static let furniture = TagTraits(rawValue: 1 << 5)
    static let lineBreak = TagTraits(rawValue: 1 << 6)
    /// Lists and tables: containers whose children repeat, where link lists hide.
    static let list = TagTraits(rawValue: 1 << 7)
    /// `form`: dropped, unless it wraps most of the page (ASP.NET pages do).
    static let form = TagTraits(rawValue: 1 << 8)
    /// Generic containers that count as a paragraph when they hold no blocks (`div`, `section`).
    static let container = TagTraits(rawValue: 1 << 9)

    static func of(_ name: String) -> TagTraits {
        table[name] ?? []
    }

    private static let table: [String: TagTraits] = {
        var t: [String: TagTraits] = [:]
        for name in ["script", "style", "noscript", "template", "svg", "iframe", "object", "embed",
                     "canvas", "button", "select", "textarea", "input", "option", "map", "audio", "video",
                     "math", "title", "meta", "link", "frameset", "frame", "dialog", "source", "picture"] {
            t[name] = .invisible
        }
        for name in ["p", "pre", "blockquote"] { t[name] = [.block, .paragraph] }
        // Cells hold text or whole layouts (old table-built pages): a paragraph only when blockless.
        for name in ["td", "th"] { t[name] = [.block, .container] }
        for name in ["h1", "h2", "h3", "h4", "h5", "h6"] { t[name] = [.block, .heading] }
        for name in ["div", "section", "article", "main", "center", "font", "span"] {
            t[name] = name == "span" || name == "font" ? [.container] : [.block, .container]
        }
        for name in ["li", "dt", "dd", "figure", "figcaption", "address", "caption", "hr", "tr", "tbody",
                     "thead", "tfoot", "details", "summary", "body", "html", "legend", "fieldset"] {
            t[name] = .block
        }
        for name in ["ul", "ol", "dl", "table"] { t[name] = [.block, .list] }
        for name in ["nav", "aside", "footer", "header", "menu"] { t[name] = [.block, .furniture] }
        t["form"] = [.block, .form]
        t["a"] = .link
        t["br"] = .lineBreak
        return t
    }()
}
