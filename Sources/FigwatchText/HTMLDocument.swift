import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A libxml2 HTML document parsed from UTF-8 bytes, freed with its owner.
///
/// libxml2 keeps some process-wide state (the parser's global tables, its default
/// error handler); `xmlInitParser` sets that up once before any thread parses. After
/// that each call owns its own parser context and document, which is what makes
/// concurrent extraction from several threads safe. Not `Sendable`: a document is used
/// and freed by the call that parsed it.
final class HTMLDocument {
    let pointer: htmlDocPtr
    /// Size of the parsed UTF-8, for sizing per-element tables.
    let byteCount: Int

    private static let initialized: Void = { xmlInitParser() }()

    /// Parses `utf8`, which must already be UTF-8: the document's own `<meta charset>` is
    /// ignored (`HTML_PARSE_IGNORE_ENC`), since the bytes were decoded before parsing.
    /// `XML_PARSE_HUGE` lifts libxml2's nesting limit of 256, past which it silently drops
    /// the rest of the page; old pages with thousands of unclosed `<font>` tags pass it.
    ///
    /// DTD declarations are cut out first (`MarkupDeclarations`): libxml2 would read them as text.
    init(utf8: UnsafeBufferPointer<UInt8>) throws(TextError) {
        let parsed = MarkupDeclarations.stripped(utf8).map { stripped in
            stripped.withUnsafeBufferPointer { Self.parse($0) }
        } ?? Self.parse(utf8)
        guard let parsed else {
            throw TextError(.parseFailed, "libxml2 returned no document for \(utf8.count) bytes of HTML")
        }
        pointer = parsed
        byteCount = utf8.count
    }

    private static func parse(_ utf8: UnsafeBufferPointer<UInt8>) -> htmlDocPtr? {
        _ = HTMLDocument.initialized
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
                | XML_PARSE_HUGE.rawValue)
        let parsed = utf8.withMemoryRebound(to: CChar.self) { chars in
            // An empty page parses as an empty document rather than failing.
            chars.count == 0
                ? htmlReadMemory(" ", 1, nil, "UTF-8", options)
                : htmlReadMemory(chars.baseAddress, Int32(clamping: chars.count), nil, "UTF-8", options)
        }
        return parsed
    }

    deinit { xmlFreeDoc(pointer) }

    var root: xmlNodePtr? { xmlDocGetRootElement(pointer) }
}

/// Small readers over libxml2 nodes that avoid copying: attribute values and text are
/// borrowed from the document, which outlives every use.
enum Node {
    /// The value of attribute `name` (lowercase ASCII; HTML attribute names are lowercased
    /// by the parser) as borrowed bytes, or `nil`.
    @inline(__always)
    static func attribute(_ node: xmlNodePtr, _ name: StaticString) -> UnsafePointer<CChar>? {
        var attribute = node.pointee.properties
        while let current = attribute {
            if let attributeName = current.pointee.name,
                strcmp(UnsafeRawPointer(attributeName).assumingMemoryBound(to: CChar.self),
                       UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
            {
                guard let text = current.pointee.children, let content = text.pointee.content else {
                    return emptyValue
                }
                return UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self)
            }
            attribute = current.pointee.next
        }
        return nil
    }

    /// `""` as a C string, for attributes present without a value (`<p hidden>`).
    private static var emptyValue: UnsafePointer<CChar> {
        UnsafeRawPointer(("" as StaticString).utf8Start).assumingMemoryBound(to: CChar.self)
    }

    /// The attributes the analysis reads on every element, found in one pass over the
    /// attribute list (a first-byte check before each name comparison).
    struct CommonAttributes {
        var cls: UnsafePointer<CChar>?
        var id: UnsafePointer<CChar>?
        var style: UnsafePointer<CChar>?
        var hidden = false
        var ariaHidden: UnsafePointer<CChar>?
    }

    static func commonAttributes(_ node: xmlNodePtr) -> CommonAttributes {
        var result = CommonAttributes()
        var attribute = node.pointee.properties
        while let current = attribute {
            attribute = current.pointee.next
            guard let rawName = current.pointee.name else { continue }
            let name = UnsafeRawPointer(rawName).assumingMemoryBound(to: CChar.self)
            func value() -> UnsafePointer<CChar> {
                guard let text = current.pointee.children, let content = text.pointee.content else { return emptyValue }
                return UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self)
            }
            switch UInt8(bitPattern: name[0]) {
            case UInt8(ascii: "c") where strcmp(name, "class") == 0: result.cls = value()
            case UInt8(ascii: "i") where name[1] == 0x64 && name[2] == 0: result.id = value()
            case UInt8(ascii: "s") where strcmp(name, "style") == 0: result.style = value()
            case UInt8(ascii: "h") where strcmp(name, "hidden") == 0: result.hidden = true
            case UInt8(ascii: "a") where strcmp(name, "aria-hidden") == 0: result.ariaHidden = value()
            default: break
            }
        }
        return result
    }

    static func attributeString(_ node: xmlNodePtr, _ name: StaticString) -> String? {
        attribute(node, name).map { String(cString: $0) }
    }

    /// Whether C string `haystack` contains `needle` (lowercase ASCII), ignoring ASCII case.
    static func contains(_ haystack: UnsafePointer<CChar>, _ needle: StaticString) -> Bool {
        let h = UnsafeRawPointer(haystack).assumingMemoryBound(to: UInt8.self)
        let n = needle.utf8Start
        let m = needle.utf8CodeUnitCount
        var i = 0
        while h[i] != 0 {
            var j = 0
            while j < m {
                var b = h[i + j]
                if b == 0 { return false }
                if b >= 0x41 && b <= 0x5A { b |= 0x20 }
                if b != n[j] { break }
                j += 1
            }
            if j == m { return true }
            i += 1
        }
        return false
    }

    /// All text below `node`, as libxml2 concatenates it.
    static func textContent(_ node: xmlNodePtr) -> String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { fw_xml_free(content) }
        return String(cString: UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))
    }
}
