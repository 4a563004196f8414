import FigwatchCore
import FigwatchExtract

extension ConfigLoader {
    /// The loader every command and the daemon use: thresholds are read by the
    /// extractor's own amount parser, so "4萬億港元" means in a rule what it means in a page.
    public static let standard = ConfigLoader(thresholdParser: { text in
        AmountParser.parse(text).map { AlertRule.Threshold(value: $0.value, currency: $0.currency, text: text) }
    })
}
