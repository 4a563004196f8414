import CLibXML2

/// Evaluates a source's `content` XPath against a parsed page.
enum XPathQuery {
    /// The nodes `expression` selects, in document order.
    ///
    /// - Throws: `TextError.invalidXPath` naming the expression when it does not compile
    ///   or does not evaluate to a node set.
    static func nodes(_ expression: String, in document: HTMLDocument) throws(TextError) -> [xmlNodePtr] {
        guard let context = xmlXPathNewContext(document.pointer) else {
            throw TextError(.parseFailed, "libxml2 could not create an XPath context for content XPath \"\(expression)\"")
        }
        defer { xmlXPathFreeContext(context) }
        // Report through our error, not libxml2's default handler writing to stderr.
        context.pointee.error = { _, _ in }
        let compiled = expression.withCString { xmlXPathCtxtCompile(context, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
        guard let compiled else {
            throw TextError(.invalidXPath, "content XPath \"\(expression)\" does not compile")
        }
        defer { xmlXPathFreeCompExpr(compiled) }
        guard let result = xmlXPathCompiledEval(compiled, context) else {
            throw TextError(.invalidXPath, "content XPath \"\(expression)\" could not be evaluated")
        }
        defer { xmlXPathFreeObject(result) }
        guard result.pointee.type == XPATH_NODESET else {
            throw TextError(.invalidXPath, "content XPath \"\(expression)\" selects a value, not elements")
        }
        guard let set = result.pointee.nodesetval, set.pointee.nodeNr > 0, let table = set.pointee.nodeTab else {
            return []
        }
        return (0..<Int(set.pointee.nodeNr)).compactMap { table[$0] }
    }
}
