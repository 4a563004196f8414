import Foundation
import FigwatchTestSupport
@testable import FigwatchText
import Testing

/// Charset decisions on our own fixtures: one row per page, the decision beside it.
@Suite struct CharsetDecoderTests {
    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: Repository.fixture("text/\(name)")))
    }

    @Test(arguments: [
        ("gbk-meta.html", nil, "GB18030", CharsetDecoder.Source.markup),
        ("big5-http.html", "text/html; charset=big5", "BIG5-HKSCS", .httpHeader),
        ("big5-http.html", "text/html; Charset=\"Big5\"", "BIG5-HKSCS", .httpHeader),
        ("big5-http.html", nil, "BIG5-HKSCS", .detected),
        ("big5-undeclared.html", nil, "BIG5-HKSCS", .detected),
        ("gb-undeclared.html", nil, "GB18030", .detected),
        ("cp1252-undeclared.html", nil, "WINDOWS-1252", .detected),
        ("utf8-declares-gb2312.html", nil, "UTF-8", .detected),
        ("bom.html", nil, "UTF-8", .byteOrderMark),
        ("numeric-references.html", nil, "UTF-8", .markup),
        ("boilerplate.html", "text/html", "UTF-8", .markup),
        // The HTTP header beats the page's own declaration.
        ("utf8-declares-gb2312.html", "text/html; charset=utf-8", "UTF-8", .httpHeader),
    ] as [(String, String?, String, CharsetDecoder.Source)])
    func decidesTheCharset(file: String, contentType: String?, charset: String, source: CharsetDecoder.Source) throws {
        let decoded = try CharsetDecoder.decode(try Self.bytes(file), contentType: contentType)
        #expect(decoded.charset == charset)
        #expect(decoded.source == source)
        #expect(decoded.replacements == 0)
        #expect(!decoded.text.contains("\u{FFFD}"))
    }

    /// Encoded fixtures decode to exactly the UTF-8 text they were made from.
    @Test(arguments: [
        ("gbk-meta.html", "source/gbk-meta.html", nil),
        ("big5-http.html", "source/big5-http.html", "text/html; charset=big5"),
        ("cp1252-undeclared.html", "source/cp1252-undeclared.html", nil),
    ] as [(String, String, String?)])
    func decodesToTheSourceText(file: String, source: String, contentType: String?) throws {
        let decoded = try CharsetDecoder.decode(try Self.bytes(file), contentType: contentType)
        let expected = String(decoding: try Self.bytes(source), as: UTF8.self)
        #expect(decoded.text == expected)
    }

    @Test func aDeclarationThatTheBytesContradictIsADiagnostic() throws {
        let decoded = try CharsetDecoder.decode(try Self.bytes("utf8-declares-gb2312.html"))
        #expect(decoded.diagnostics == ["the markup declares gb2312 but the bytes are valid UTF-8; read as UTF-8"])
        #expect(decoded.text.contains("青松生物科技有限公司"))
    }

    @Test func aDeclaredCharsetThatFailsBadlyGivesWayToDetection() throws {
        // GBK bytes behind a Big5 header: Big5-HKSCS decodes them, into the wrong characters.
        let decoded = try CharsetDecoder.decode(try Self.bytes("gb-undeclared.html"), contentType: "text/html; charset=big5")
        #expect(decoded.charset == "GB18030")
        #expect(decoded.diagnostics.count == 1)
        #expect(decoded.diagnostics.first?.hasPrefix("the Content-Type header declares big5 but") == true)
        #expect(decoded.text.contains("星河云计算"))

        let big5 = try CharsetDecoder.decode(try Self.bytes("big5-undeclared.html"), contentType: "text/html; charset=gb2312")
        #expect(big5.charset == "BIG5-HKSCS")
        #expect(big5.text.contains("晨光半導體"))
        #expect(big5.diagnostics.first?.contains("read far better as BIG5-HKSCS") == true)
    }

    @Test func theOverrideWins() throws {
        let decoded = try CharsetDecoder.decode(try Self.bytes("gbk-meta.html"), contentType: "text/html; charset=utf-8", override: "GBK")
        #expect(decoded.charset == "GB18030")
        #expect(decoded.source == .override)
        #expect(decoded.text.contains("星河云计算"))
    }

    @Test func anUnknownOverrideIsAnError() throws {
        #expect(throws: TextError.self) { try CharsetDecoder.decode([0x41], override: "klingon-8") }
        do throws(TextError) {
            _ = try CharsetDecoder.decode([0x41], override: "klingon-8")
        } catch {
            #expect(error.code == .unknownCharset)
            #expect(error.message.contains("klingon-8"))
        }
    }

    @Test func undecodableBytesBecomeReplacementCharactersAndAreCounted() throws {
        // 0xFF is not a GB18030 lead byte.
        let gbk: [UInt8] = [0xC4, 0xE3, 0xBA, 0xC3, 0xFF, 0x41]  // 你好 <invalid> A
        let decoded = try CharsetDecoder.decode(gbk, override: "gbk")
        #expect(decoded.text == "你好\u{FFFD}A")
        #expect(decoded.replacements == 1)
        #expect(decoded.diagnostics == ["1 undecodable sequences in GB18030 replaced with U+FFFD"])
    }

    @Test func strayLatin1BytesInUTF8AreReadAsWindows1252() throws {
        let bytes: [UInt8] = Array("Grüße aus Köln, schön und ".utf8) + Array(repeating: Array("ä".utf8), count: 10).flatMap { $0 } + [0x20, 0x66, 0xFC, 0x72]
        let decoded = try CharsetDecoder.decode(bytes, contentType: "text/html; charset=utf-8")
        #expect(decoded.charset == "UTF-8")
        #expect(decoded.text.hasSuffix(" für"))
        #expect(decoded.diagnostics == ["1 bytes that are not UTF-8 were read as windows-1252"])
    }

    @Test(arguments: [
        ("gb2312", "GB18030"), ("GBK", "GB18030"), ("x-gbk", "GB18030"), ("gb18030", "GB18030"),
        ("big5", "BIG5-HKSCS"), ("MS950", "BIG5-HKSCS"), ("Big5-HKSCS", "BIG5-HKSCS"),
        ("iso-8859-1", "WINDOWS-1252"), ("US-ASCII", "WINDOWS-1252"), ("utf8", "UTF-8"),
        ("Shift_JIS", "CP932"), ("euc-kr", "CP949"), ("windows-1250", "WINDOWS-1250"), ("koi8-r", "KOI8-R"),
    ])
    func labelsMapToTheCharsetTheWebMeans(label: String, name: String) {
        #expect(CharsetDecoder.canonicalName(label) == name)
    }

    @Test(arguments: ["klingon", "gbk\"", "", "utf-8; x"])
    func junkLabelsAreUnknown(label: String) {
        #expect(CharsetDecoder.canonicalName(label) == nil)
    }

    @Test(arguments: [
        ("text/html; charset=gb2312", "gb2312"), ("text/html;charset=\"UTF-8\"", "UTF-8"),
        ("text/html; boundary=x; charset='big5'", "big5"), ("text/html", nil), ("text/html; charset=", nil),
    ] as [(String, String?)])
    func readsTheContentTypeCharset(contentType: String, charset: String?) {
        #expect(CharsetSniffer.charset(fromContentType: contentType) == charset)
    }

    @Test(arguments: [
        ("<meta charset=\"gbk\">", "gbk"),
        ("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=Big5\">", "big5"),
        ("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\">", "gbk"),
        ("<meta content=\"text/html; charset=gb2312\" http-equiv=\"content-type\">", "gb2312"),
        ("<?xml version=\"1.0\" encoding=\"big5\"?><rss>", "big5"),
        ("<meta name=\"description\" content=\"charset=big5 is a word\">", nil),
        ("<html><head><title>none</title>", nil),
    ] as [(String, String?)])
    func readsTheMarkupDeclaration(markup: String, charset: String?) {
        let bytes = Array(markup.utf8)
        #expect(bytes.withUnsafeBufferPointer { CharsetSniffer.declaredCharset($0) } == charset)
    }
}
