import Testing

@testable import FigwatchDaemon

/// JSON logs carry numbers as numbers; text logs quote and escape values as logfmt does.
struct LogFormatTests {
    @Test(arguments: [
        ("failures", "3", true), ("in_flight", "0", true), ("delta", "-2", true), ("ratio", "0.25", true),
        ("pages", "007", false), ("pages", "1e5", false), ("pages", "3.", false), ("pages", "", false),
        ("pages", "1234567890123456", false), ("source", "2024", false), ("value", "4200000000000", false),
        ("rule", "42", false), ("url", "https://a/1", false),
    ])
    func jsonNumbers(key: String, value: String, isNumber: Bool) {
        #expect(LogOutput.isJSONNumber(value, key: key) == isNumber)
    }

    @Test(arguments: [
        ("plain", "plain"), ("", "\"\""), ("two words", "\"two words\""), ("a=b", "\"a=b\""),
        ("say \"hi\"", "\"say \\\"hi\\\"\""), ("back\\slash", "\"back\\\\slash\""), ("line\nbreak", "\"line\\nbreak\""),
        ("阿里巴巴", "阿里巴巴"), ("tab\there", "\"tab\\there\""),
    ])
    func logfmtValues(value: String, written: String) {
        #expect(LogOutput.logfmt(value) == written)
    }
}
