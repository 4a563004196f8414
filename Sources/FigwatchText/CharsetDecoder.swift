/// Decides the charset of fetched bytes and decodes them to UTF-8.
///
/// The order is the one browsers use, minus their silent guesses: an explicit override,
/// a byte-order mark, the HTTP `Content-Type` charset, a declaration in the first 1024 bytes
/// (`<meta charset>`, `<meta http-equiv>`, `<?xml encoding?>`; failing that, one later in the
/// first 64 KiB), then detection (`CharsetDetector`), never libxml2's Latin-1 guess. A declaration
/// is checked against the bytes: a page that declares gb2312 but is valid UTF-8 with
/// non-ASCII content reads as UTF-8, and a declaration that fails badly gives way to
/// detection. Either way the disagreement is reported as a diagnostic.
///
/// ```swift
/// let decoded = try CharsetDecoder.decode(body, contentType: "text/html; charset=big5")
/// print(decoded.charset, decoded.diagnostics)  // "BIG5-HKSCS" []
/// ```
public enum CharsetDecoder {
    /// Where the charset decision came from.
    public enum Source: String, Sendable {
        case override, byteOrderMark = "bom", httpHeader = "http", markup = "meta", detected
    }

    /// Bytes decoded to UTF-8, with the decision that was made.
    public struct Decoded: Sendable {
        /// The text as UTF-8 (no byte-order mark).
        public var utf8: [UInt8]
        /// The charset used, as an iconv name: `UTF-8`, `GB18030`, `BIG5-HKSCS`, `WINDOWS-1252` ...
        public var charset: String
        public var source: Source
        /// Bytes that no charset could read and that became U+FFFD.
        public var replacements: Int
        /// Recoverable oddities: a declaration that lied, replaced bytes.
        public var diagnostics: [String]

        public var text: String { String(decoding: utf8, as: UTF8.self) }
    }

    /// Decides the charset of `bytes` and decodes them.
    ///
    /// - Parameters:
    ///   - contentType: the HTTP `Content-Type` header, if the bytes were fetched.
    ///   - override: a charset the caller insists on (configuration, `--charset`); it wins.
    ///   - sniffMarkup: read `<meta>` / `<?xml?>` declarations (false for plain text).
    /// - Throws: `TextError.unknownCharset` only when `override` names a charset iconv lacks.
    public static func decode(
        _ bytes: [UInt8], contentType: String? = nil, override: String? = nil, sniffMarkup: Bool = true
    ) throws(TextError) -> Decoded {
        let result: Result<Decoded, TextError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(TextError) {
                return .success(try decode(buffer, contentType: contentType, override: override, sniffMarkup: sniffMarkup))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    static func decode(
        _ all: UnsafeBufferPointer<UInt8>, contentType: String?, override: String?, sniffMarkup: Bool
    ) throws(TextError) -> Decoded {
        if let override {
            guard let charset = canonicalName(override) else {
                throw TextError(.unknownCharset, "charset override \"\(override)\" is not a charset this system can decode")
            }
            var bytes = all
            if let bom = CharsetSniffer.byteOrderMark(all), bom.charset == charset {
                bytes = UnsafeBufferPointer(rebasing: all[bom.length...])
            }
            return convert(bytes, charset: charset, source: .override, diagnostics: [])
        }
        if let bom = CharsetSniffer.byteOrderMark(all) {
            return convert(UnsafeBufferPointer(rebasing: all[bom.length...]), charset: bom.charset, source: .byteOrderMark, diagnostics: [])
        }
        var declared: (label: String, source: Source)?
        if let contentType, let label = CharsetSniffer.charset(fromContentType: contentType) {
            declared = (label, .httpHeader)
        } else if sniffMarkup, let label = CharsetSniffer.declaredCharset(all) {
            declared = (label, .markup)
        } else if sniffMarkup, let label = CharsetSniffer.declaredCharset(all, limit: 64 * 1024) {
            // Past the standard's 1024 bytes, but still the page's own word: stronger
            // evidence than byte statistics, and checked against the bytes the same way.
            declared = (label, .markup)
        }
        let scan = UTF8Scan(all)
        var diagnostics: [String] = []
        if let declared {
            let place = declared.source == .httpHeader ? "Content-Type header" : "markup"
            if var charset = canonicalName(declared.label) {
                // An ASCII-compatible page cannot really be UTF-16 (WHATWG reads it as UTF-8).
                if charset.hasPrefix("UTF-16") { charset = "UTF-8" }
                if charset == "UTF-8" {
                    if scan.isValid || mostlyUTF8(scan) {
                        return convert(all, charset: "UTF-8", source: declared.source, diagnostics: [])
                    }
                    diagnostics.append(
                        "the \(place) declares \(declared.label) but \(scan.invalidBytes) bytes are not UTF-8; charset detected instead")
                } else if scan.isValid && !scan.isASCII {
                    diagnostics.append("the \(place) declares \(declared.label) but the bytes are valid UTF-8; read as UTF-8")
                    return convert(all, charset: "UTF-8", source: .detected, diagnostics: diagnostics)
                } else {
                    let decoded = convert(all, charset: charset, source: declared.source, diagnostics: [])
                    if failsBadly(decoded.replacements, scan: scan) {
                        diagnostics.append(
                            "the \(place) declares \(declared.label) but \(decoded.replacements) sequences do not decode; charset detected instead")
                    } else if let other = CharsetDetector.contradiction(of: charset, in: all) {
                        diagnostics.append(
                            "the \(place) declares \(declared.label) but the bytes read far better as \(other); charset detected instead")
                    } else {
                        return decoded
                    }
                }
            } else {
                diagnostics.append("the \(place) declares \"\(declared.label)\", which is not a known charset; charset detected instead")
            }
        }
        if scan.isValid || mostlyUTF8(scan) {
            return convert(all, charset: "UTF-8", source: .detected, diagnostics: diagnostics)
        }
        return convert(all, charset: CharsetDetector.detect(all), source: .detected, diagnostics: diagnostics)
    }

    /// UTF-8 with a few stray single-byte characters, as pages patched together from two
    /// sources are: at least ten well-formed sequences per invalid byte.
    private static func mostlyUTF8(_ scan: UTF8Scan) -> Bool {
        scan.multiByteSequences >= 10 && scan.invalidBytes * 10 <= scan.multiByteSequences
    }

    /// More than a handful of undecodable sequences, and more than 1% of the non-ASCII text.
    private static func failsBadly(_ replacements: Int, scan: UTF8Scan) -> Bool {
        let nonASCII = scan.multiByteSequences + scan.invalidBytes
        return replacements > 8 && replacements * 100 > nonASCII
    }

    static func convert(
        _ bytes: UnsafeBufferPointer<UInt8>, charset: String, source: Source, diagnostics: [String]
    ) -> Decoded {
        var diagnostics = diagnostics
        var utf8: [UInt8]
        var replacements = 0
        if charset == "UTF-8" {
            let scan = UTF8Scan(bytes)
            if scan.isValid {
                utf8 = Array(bytes)
            } else {
                let repaired = UTF8Scan.repairingLatin1(bytes)
                utf8 = repaired.utf8
                diagnostics.append("\(repaired.repaired) bytes that are not UTF-8 were read as windows-1252")
            }
        } else if let decoder = IconvDecoder(from: charset) {
            // Big5 pages use CP950 code points that glibc's Big5-HKSCS table lacks.
            let fallback = charset == "BIG5-HKSCS" ? IconvDecoder(from: "CP950") : nil
            (utf8, replacements) = decoder.decode(bytes, fallback: fallback)
            if replacements > 0 {
                diagnostics.append("\(replacements) undecodable sequences in \(charset) replaced with U+FFFD")
            }
        } else {
            // canonicalName only returns names iconv opened; this is a broken iconv installation.
            utf8 = UTF8Scan.repairingLatin1(bytes).utf8
            diagnostics.append("iconv cannot open \(charset); bytes read as UTF-8 and windows-1252")
        }
        return Decoded(utf8: utf8, charset: charset, source: source, replacements: replacements, diagnostics: diagnostics)
    }
}
