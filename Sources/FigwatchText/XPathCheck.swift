import CLibXML2

/// Whether an XPath compiles, asked by the configuration loader for a source's `content:` and
/// `follow:` keys: the same libxml2 that evaluates them on every page judges them once, at load.
public enum XPathCheck {
    /// Why `expression` is not an XPath libxml2 compiles, or nil when it is one.
    public static func problem(_ expression: String) -> String? {
        if expression.isEmpty { return "an empty XPath selects nothing" }
        guard let context = xmlXPathNewContext(nil) else { return nil }
        defer { xmlXPathFreeContext(context) }
        // Through our message, not libxml2's default handler writing to stderr.
        context.pointee.error = { _, _ in }
        let compiled = expression.withCString {
            xmlXPathCtxtCompile(context, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self))
        }
        guard let compiled else { return "'\(expression)' is not an XPath that compiles" }
        xmlXPathFreeCompExpr(compiled)
        return nil
    }
}
