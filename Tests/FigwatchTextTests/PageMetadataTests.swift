import Foundation
import FigwatchCore
import FigwatchTestSupport
@testable import FigwatchText
import Testing

/// Publication times, language tags and language guesses, one row per form pages use.
@Suite struct PageMetadataTests {
    @Test(arguments: [
        ("2016-10-14T07:17:00+08:00", 0, 1_476_400_620_000),
        ("2016-10-14T07:17:00Z", 0, 1_476_429_420_000),
        ("2016-10-14T07:17:00.000-0000", 0, 1_476_429_420_000),
        ("2024-02-29T23:59:59.123456Z", 0, 1_709_251_199_123),
        ("2016-10-14 07:17", 8 * 3600, 1_476_400_620_000),  // no offset: the page's zone
        ("2016/10/14 07:17:00", 8 * 3600, 1_476_400_620_000),
        ("2016年10月14日 07:17", 8 * 3600, 1_476_400_620_000),
        ("2016年10月14日", 8 * 3600, 1_476_374_400_000),
        ("2016-10-14", 8 * 3600, 1_476_374_400_000),
        ("Fri, 14 Oct 2016 07:17:00 GMT", 0, 1_476_429_420_000),
        ("Fri, 14 Oct 2016 15:17:00 +0800", 0, 1_476_429_420_000),
        ("October 14, 2016 7:17 PM", 0, 1_476_472_620_000),
        ("Published Wed, Nov 20 2019 4:29 AM EST", 0, 1_574_242_140_000),
        ("TNW中文站2016年10月14日07:17", 8 * 3600, 1_476_400_620_000),
    ] as [(String, Int, Int64)])
    func readsPublicationTimes(text: String, defaultOffset: Int, epochMilliseconds: Int64) {
        #expect(PublicationDate.epochMilliseconds(text, defaultOffsetSeconds: defaultOffset) == epochMilliseconds)
    }

    @Test(arguments: ["", "yesterday", "2016-13-45", "12:30", "version 2.0.1"])
    func rejectsWhatIsNotADate(text: String) {
        #expect(PublicationDate.epochMilliseconds(text) == nil)
    }

    @Test(arguments: [
        ("zh-CN", "zh-Hans"), ("zh_TW", "zh-Hant"), ("zh-Hant-HK", "zh-Hant"), ("zh-hk", "zh-Hant"),
        ("en_us", "en-US"), ("EN", "en"), ("de-DE", "de-DE"), ("zh", "zh"), ("", nil), ("12", nil),
    ] as [(String, String?)])
    func normalizesLanguageTags(tag: String, normalized: String?) {
        #expect(PageMetadata.normalize(tag) == normalized)
    }

    @Test(arguments: [
        ("在美国旧金山举行的中美元首会晤吸引了全世界的目光。多名外国专家告诉记者，中美合作共赢符合国际社会利益，这是两国面临的选择。", "zh-Hans"),
        ("虛構的晨光半導體公司股價週四大漲，市值首度突破新台幣一兆元，成為台灣第三家市值超過兆元的企業，分析師說這個價格還會漲。", "zh-Hant"),
        ("The company said on Tuesday that it had raised money in a new round, and that it would use the money to hire engineers for its factories.", "en"),
        ("Die fiktive Fabrikam AG hat am Mittwoch erstmals einen Börsenwert von mehr als dreißig Milliarden Euro erreicht, sagte der Vorstand.", "de"),
        ("La société fictive Tailspin SA a annoncé jeudi une levée de fonds qui la valorise à deux milliards d'euros, et elle prévoit des bureaux.", "fr"),
        ("La empresa ficticia anunció el jueves que los inversores aportaron más dinero para su nueva fábrica, y que las ventas subieron.", "es"),
        ("Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua", nil),
        ("エレコムは新しい製品を発表しました。これは日本の会社です。価格は一万円です。新しいキーボードとマウスを販売します。", "ja"),
        ("서울 증시에서 삼성전자 시가총액이 크게 늘었다고 회사가 밝혔다. 투자자들은 새로운 반도체 사업에 기대를 걸고 있다.", "ko"),
    ] as [(String, String?)])
    func guessesTheLanguageFromTheText(text: String, language: String?) {
        #expect(LanguageGuesser.language(of: text) == language)
    }

    /// Every corpus page's language agrees with the language MANIFEST.tsv gives it.
    @Test(.enabled(if: Corpus.isAvailable, Comment(rawValue: Corpus.skipReason)))
    func corpusPagesGetTheirManifestLanguage() throws {
        let manifest = try String(contentsOf: Corpus.url("MANIFEST.tsv"), encoding: .utf8)
        var checked = 0
        for line in manifest.split(separator: "\n").dropFirst() {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count > 4 else { continue }
            let (file, expected) = (columns[0], columns[4])
            let article = try ArticleExtractor().article(fromHTML: Array(try Data(contentsOf: Corpus.url("pages/\(file)"))))
            let language = article.language ?? "none"
            if expected.hasPrefix("zh-") {
                #expect(language == expected, "\(file): \(language), manifest \(expected)")
            } else {
                #expect(language.split(separator: "-").first.map(String.init) == expected, "\(file): \(language), manifest \(expected)")
            }
            checked += 1
        }
        #expect(checked >= 100)
    }
}

/// JSON-LD fields read straight from the script text.
@Suite struct JSONStringsTests {
    @Test(arguments: [
        (#"{"headline": "A \"quoted\" title"}"#, "headline", [#"A "quoted" title"#]),
        (#"{"articleBody":"line one\nline two"}"#, "articleBody", ["line one\nline two"]),
        (#"{"headline":"\u5E02\u503C \ud83d\ude00"}"#, "headline", ["市值 😀"]),
        (#"[{"headline": "first"}, {"headline" : "second"}]"#, "headline", ["first", "second"]),
        (#"{"headline": {"@value": "nested"}, "name": "x"}"#, "headline", []),
        (#"{"headline": "never closed"#, "headline", []),
    ] as [(String, String, [String])])
    func readsStringValues(json: String, key: String, values: [String]) {
        #expect(JSONStrings.values(forKey: key, in: Array(json.utf8)) == values)
    }
}
