import Foundation
import FigwatchCore
import FigwatchTestSupport
import FigwatchText
import Testing

/// Every corpus page, whatever it declares, decodes without mojibake.
@Suite struct CorpusCharsetTests {
    /// Signs of a wrong charset: UTF-8 read as Latin-1 (`Ã©`, `â€™`) or as GBK (`锛` is `，`,
    /// `銆` is `。`, `鐨` is `的` misread).
    static func mojibake(in text: String) -> [String] {
        var found: [String] = []
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() where i + 1 < scalars.count {
            let next = scalars[i + 1].value
            if (scalar == "Ã" || scalar == "Â" || scalar == "â") && (0x80...0xBF).contains(next) || (scalar == "â" && next == 0x20AC) {
                found.append(String(String.UnicodeScalarView(scalars[i...(i + 1)])))
            }
        }
        for sign in ["锛", "銆", "鍙", "鐨", "鏄", "绗"] where text.contains(sign) { found.append(sign) }
        return found
    }

    static func replacementShare(_ text: String) -> Double {
        let scalars = text.unicodeScalars
        guard !scalars.isEmpty else { return 0 }
        return Double(scalars.filter { $0 == "\u{FFFD}" }.count) / Double(scalars.count)
    }

    @Test(.enabled(if: Corpus.isAvailable, Comment(rawValue: Corpus.skipReason)))
    func everyPageDecodesWithoutMojibake() throws {
        let pages = try Corpus.pages()
        #expect(pages.count >= 100)
        for page in pages {
            let name = page.lastPathComponent
            let bytes = Array(try Data(contentsOf: page))
            let full = try ArticleExtractor().article(fromHTML: bytes, full: true)
            let article = try ArticleExtractor().article(fromHTML: bytes)
            // One page's source already holds mojibake, as character references (`&#xC2;&#xA9;`
            // for ©): no charset decision can undo that, so its Latin-1 signs are not ours.
            let sourceMojibake = String(decoding: bytes, as: UTF8.self).contains("&#xC2;&#x")
            for text in [full.text, article.text, full.title ?? ""] {
                #expect(Self.replacementShare(text) < 0.001, "\(name): U+FFFD share \(Self.replacementShare(text)) (\(full.charset))")
                let signs = Self.mojibake(in: text).filter { !sourceMojibake || !$0.hasPrefix("Â") }
                #expect(signs.isEmpty, "\(name): mojibake \(signs.prefix(5)) decoded as \(full.charset)")
            }
            if name.hasPrefix("zh") {
                #expect(["的", "是", "在", "了", "和"].contains { full.text.contains($0) }, "\(name): no common hanzi")
            }
        }
    }

    /// Pages whose declaration lies or is missing, with the charset they must be read as.
    @Test(
        .enabled(if: Corpus.isAvailable, Comment(rawValue: Corpus.skipReason)),
        arguments: [
            ("zh__gne-qq-2.html", "UTF-8"),  // declares gb2312, is UTF-8
            ("zh__readability-qq.html", "UTF-8"),  // declares gb2312, is UTF-8
            ("zh__163com-cx52.html", "GB18030"),  // declares gb2312, uses GBK-only characters
            ("zh__163com-cx8.html", "GB18030"),  // declares gbk
            ("zh__traf-xinhuanet-archiveorg.html", "GB18030"),
            ("zh-Hant__twnews-judicial.html", "BIG5-HKSCS"),  // big5 and ms950, needs HKSCS/CP950
            ("de__traf-automobilwoche-vw.html", "WINDOWS-1252"),
            ("pl__traf-rp-unijne-fundusze.html", "WINDOWS-1250"),
            ("fr__traf-archiveorg-travaillent.html", "WINDOWS-1252"),  // iso-8859-1
            ("ja__postlight-elecom.html", "UTF-8"),  // declares shift_jis, is UTF-8
            ("de__traf-tierschutzpartei.html", "UTF-8"),  // UTF-8 with stray Latin-1 bytes
            ("en__aeb-06e5123e.html", "UTF-8"),  // declares nothing
        ])
    func pagesReadAsTheirRealCharset(file: String, charset: String) throws {
        let bytes = Array(try Data(contentsOf: Corpus.url("pages/\(file)")))
        let decoded = try CharsetDecoder.decode(bytes)
        #expect(decoded.charset == charset)
        #expect(decoded.replacements == 0)
    }

    @Test(
        .enabled(if: Corpus.isAvailable, Comment(rawValue: Corpus.skipReason)),
        arguments: [
            ("encoding/big5__coolloud.org.tw.rss.xml", "BIG5-HKSCS", "苦勞網"),
            ("encoding/gb2312__acnnewswire.net.rss.xml", "GB18030", "的"),
        ])
    func feedsDecodeFromTheirXMLDeclaration(file: String, charset: String, sample: String) throws {
        let bytes = Array(try Data(contentsOf: Corpus.url(file)))
        let decoded = try CharsetDecoder.decode(bytes)
        #expect(decoded.charset == charset)
        #expect(decoded.replacements == 0)
        #expect(decoded.text.contains(sample))
        #expect(Self.mojibake(in: decoded.text).isEmpty)
    }
}
