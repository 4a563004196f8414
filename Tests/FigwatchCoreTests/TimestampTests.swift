import FigwatchCore
import Testing

struct TimestampTests {
    @Test(arguments: [
        ("1970-01-01", Int64(0)),
        ("2025-09-03", Int64(1_756_857_600_000)),
        ("2025-09-03T16:00:00Z", Int64(1_756_915_200_000)),
        ("2025-09-05T09:30:00+08:00", Int64(1_757_035_800_000)),
        ("2025-09-05 09:30", Int64(1_757_064_600_000)),
        ("2024-02-29T23:59:59.5Z", Int64(1_709_251_199_500)),
        ("1969-12-31T23:00:00-01:00", Int64(0)),
    ])
    func parses(text: String, expected: Int64) {
        #expect(Timestamp.parse(text) == expected)
    }

    @Test(arguments: ["", "2025", "2025-13-01", "2025-09-03T25:00", "2025-09-03X", "yesterday", "2025-09-03T10:00:00+0800x"])
    func rejects(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func formatsRoundTrip() {
        #expect(Timestamp.iso8601(1_756_915_200_000) == "2025-09-03T16:00:00Z")
        #expect(Timestamp.iso8601(1_709_251_199_500) == "2024-02-29T23:59:59.500Z")
        #expect(Timestamp.iso8601(-1000) == "1969-12-31T23:59:59Z")
        #expect(Timestamp.date(1_756_915_200_000) == "2025-09-03")
        #expect(Timestamp.minutes(1_756_908_300_000) == "2025-09-03 14:05")
        for ms in stride(from: Int64(-5_000_000_000_000), to: 5_000_000_000_000, by: 123_456_789_123) {
            #expect(Timestamp.parse(Timestamp.iso8601(ms)) == ms)
        }
    }
}

struct HTTPDateTests {
    @Test(arguments: [
        ("Wed, 03 Sep 2025 16:00:00 GMT", Int64(1_756_915_200_000)),
        ("Wed, 3 Sep 2025 16:00:00 +0000", Int64(1_756_915_200_000)),
        ("Thu, 04 Sep 2025 00:00:00 +0800", Int64(1_756_915_200_000)),
        ("03 Sep 25 16:00 GMT", Int64(1_756_915_200_000)),
        ("Wed, 03 Sep 2025 11:00:00 -0500", Int64(1_756_915_200_000)),
    ])
    func parses(text: String, expected: Int64) {
        #expect(HTTPDate.parse(text) == expected)
    }

    @Test(arguments: ["", "yesterday", "Wed, 03 Foo 2025 16:00:00 GMT", "Wed, 32 Sep 2025 16:00:00 GMT", "120"])
    func rejects(text: String) {
        #expect(HTTPDate.parse(text) == nil)
    }
}
