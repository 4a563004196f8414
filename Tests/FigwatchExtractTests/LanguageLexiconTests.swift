import FigwatchCore
import Testing

@testable import FigwatchExtract

/// Languages are data: each supported language reads its own numbers and words, and a language
/// with no lexicon yields no figures (and is counted, so `extract` can say so) rather than a guess.
@Suite struct LanguageLexiconTests {
    @Test func everySupportedLanguageHasALexicon() {
        for lang in FigureExtractor.supportedLanguages {
            #expect(LanguageLexicon.forLanguage(lang) != nil, "\(lang)")
        }
        #expect(LanguageLexicon.forLanguage("fr") == nil)
    }

    @Test func aLanguageWithoutALexiconYieldsNothingAndIsCounted() {
        let text = "La valorisation de la société a atteint 12 milliards d'euros, selon les investisseurs."
        let result = FigureExtractor().extract(text)
        #expect(result.figures.isEmpty)
        #expect(result.unreadSentences == ["fr": 1])
    }

    /// The same digits read differently by language: a German point groups thousands.
    @Test func numbersFollowTheSentencesLanguage() {
        let german = FigureExtractor().figures(in: "Die Firma ist an der Börse 1.200 Milliarden Euro wert.")
        let english = FigureExtractor().figures(in: "The company's market value is $1.200 billion.")
        #expect(german.map(\.value) == [ExactDecimal(1_200_000_000_000)])
        #expect(german.first?.lang == "de")
        #expect(english.map(\.value) == [ExactDecimal(1_200_000_000)])
    }

    @Test func japaneseMovesAreReadAfterTheAmount() {
        let figures = FigureExtractor().figures(in: "同社の時価総額は1日で1兆円減少した。")
        #expect(figures.map(\.kind) == [.change])
        #expect(figures.first?.value == ExactDecimal(-1_000_000_000_000))
        #expect(figures.first?.currency == "JPY" && figures.first?.lang == "ja")
    }
}
