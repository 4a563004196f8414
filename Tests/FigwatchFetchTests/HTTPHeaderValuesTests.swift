import FigwatchFetch
import Testing

@Suite("HTTPHeaderValues")
struct HTTPHeaderValuesTests {
    static let date = "Sun, 06 Nov 1994 08:49:37 GMT"

    @Test(arguments: [
        ("120", nil, Duration?.some(.seconds(120))),
        ("0", nil, .seconds(0)),
        (" 30 ", nil, .seconds(30)),
        ("Sun, 06 Nov 1994 08:51:37 GMT", date, .seconds(120)),  // IMF-fixdate
        ("Sunday, 06-Nov-94 08:50:37 GMT", date, .seconds(60)),  // RFC 850
        ("Sun Nov  6 08:49:47 1994", date, .seconds(10)),  // asctime
        ("Sun, 06 Nov 1994 08:00:00 GMT", date, .seconds(0)),  // in the past: no wait
        ("soon", nil, nil),
        ("-5", nil, nil),
        ("", nil, nil),
    ] as [(String, String?, Duration?)])
    func retryAfter(value: String, responseDate: String?, expected: Duration?) {
        #expect(HTTPHeaderValues.retryAfter(value, responseDate: responseDate) == expected)
    }

    @Test func retryAfterDateWithoutDateHeaderCountsFromNow() {
        let wait = HTTPHeaderValues.retryAfter("Sun, 06 Nov 1994 08:51:37 GMT", now: 784_111_777)
        #expect(wait == .seconds(120))
    }

    @Test(arguments: [
        ("max-age=300", Duration?.some(.seconds(300))),
        ("public, max-age=60, must-revalidate", .seconds(60)),
        ("MAX-AGE=\"10\"", .seconds(10)),
        ("no-cache", nil),
        ("max-age=abc", nil),
        ("s-maxage=5", nil),
    ] as [(String, Duration?)])
    func maxAge(value: String, expected: Duration?) {
        #expect(HTTPHeaderValues.maxAge(inCacheControl: value) == expected)
    }

    @Test(arguments: [
        ("text/html; charset=UTF-8", String?.some("utf-8")),
        ("text/html;charset=\"big5\"", "big5"),
        ("text/html; Charset=gb2312 ; foo=bar", "gb2312"),
        ("text/html", nil),
        ("text/html; charset=", nil),
    ] as [(String, String?)])
    func charset(value: String, expected: String?) {
        #expect(HTTPHeaderValues.charset(inContentType: value) == expected)
    }

    @Test(arguments: [
        ("Sun, 06 Nov 1994 08:49:37 GMT", Int?.some(784_111_777)),
        ("Sunday, 06-Nov-94 08:49:37 GMT", 784_111_777),
        ("Sun Nov  6 08:49:37 1994", 784_111_777),
        ("Sun, 06 Foo 1994 08:49:37 GMT", nil),
        ("Sun, 06 Nov 1994 25:49:37 GMT", nil),
        ("yesterday", nil),
    ] as [(String, Int?)])
    func httpDate(value: String, expected: Int?) {
        #expect(HTTPHeaderValues.epochSeconds(httpDate: value) == expected)
    }
}
