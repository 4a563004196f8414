import FigwatchFetch
import FigwatchTestSupport
import Testing

@Suite("CurlFetcher: responses")
struct CurlFetcherTests {
    @Test func fetchesPageWithItsHeaders() async throws {
        try await withServer { server in
            server.route("/a", .text("<p>hello</p>"))
            let fetcher = try CurlFetcher()
            let page = try await fetcher.fetch(FetchRequest(url: server.url("/a")))
            #expect(page.status == 200)
            #expect(String(decoding: page.body, as: UTF8.self) == "<p>hello</p>")
            #expect(page.contentType == "text/html; charset=utf-8")
            #expect(page.charset == "utf-8")
            #expect(page.requestedURL == server.url("/a"))
            #expect(page.effectiveURL == server.url("/a"))
            #expect(page.redirectCount == 0)
            #expect(page.headers["content-length"] == "12")
        }
    }

    @Test func readsHeaderFieldsAsSent() async throws {
        try await withServer { server in
            server.route("/h", .respond(headers: [
                ("X-Padded", " \t spaced value\t "),
                ("X-Location", "http://example.org:8080/a?b=c"),
                ("X-Note", "Größe 1,3 萬億"),
                ("X-Empty", ""),
                ("x-twice", "one"), ("X-Twice", "two"),
            ], body: Array("ok".utf8)))
            let page = try await CurlFetcher().fetch(FetchRequest(url: server.url("/h")))
            #expect(page.headers["x-padded"] == "spaced value")
            #expect(page.headers["X-LOCATION"] == "http://example.org:8080/a?b=c")  // split at the first colon only
            #expect(page.headers["x-note"] == "Größe 1,3 萬億")
            #expect(page.headers["x-empty"] == "")
            #expect(page.headers.values(for: "X-TWICE") == ["one", "two"])
            #expect(page.headers["x-paddee"] == nil)
        }
    }

    @Test func headerNamesFoldOnlyASCIILetters() {
        let headers = FetchHeaders([.init(name: "X-[a]", value: "1"), .init(name: "ÄB", value: "2")])
        #expect(headers["x-[A]"] == "1")
        #expect(headers["X-{a}"] == nil)  // `{` is `[` with the case bit set, but not a letter
        #expect(headers["äb"] == nil)  // ASCII case-insensitive, as HTTP says, not Unicode
        #expect(headers["ÄB"] == "2")
    }

    @Test func sendsUserAgentFromOptions() async throws {
        try await withServer { server in
            server.route("/ua", .text("ok"))
            let fetcher = try CurlFetcher(options: FetchOptions(userAgent: "figwatch-test/1.0 (+https://example.org)"))
            _ = try await fetcher.fetch(FetchRequest(url: server.url("/ua")))
            #expect(server.requests("/ua").first?.header("User-Agent") == "figwatch-test/1.0 (+https://example.org)")
            // Every compression libcurl can decode is offered.
            let offered = server.requests("/ua").first?.header("Accept-Encoding") ?? ""
            #expect(offered.contains("gzip") && offered.contains("deflate"))
        }
    }

    @Test func conditionalRequestRoundTrip() async throws {
        try await withServer { server in
            let lastModified = "Wed, 21 Oct 2015 07:28:00 GMT"
            server.route("/c", .conditional(etag: "\"v1\"", lastModified: lastModified, body: Array("<p>v1</p>".utf8)))
            let fetcher = try CurlFetcher()

            let first = try await fetcher.fetch(FetchRequest(url: server.url("/c")))
            #expect(first.status == 200 && !first.isNotModified)
            #expect(first.etag == "\"v1\"")
            #expect(first.lastModified == lastModified)

            let byETag = try await fetcher.fetch(FetchRequest(url: server.url("/c"), etag: first.etag))
            #expect(byETag.status == 304 && byETag.isNotModified)
            #expect(byETag.body.isEmpty)
            #expect(server.requests("/c")[1].header("If-None-Match") == "\"v1\"")

            let byDate = try await fetcher.fetch(FetchRequest(url: server.url("/c"), lastModified: first.lastModified))
            #expect(byDate.isNotModified)
            #expect(server.requests("/c")[2].header("If-Modified-Since") == lastModified)

            let stale = try await fetcher.fetch(FetchRequest(url: server.url("/c"), etag: "\"v0\""))
            #expect(stale.status == 200 && String(decoding: stale.body, as: UTF8.self) == "<p>v1</p>")
        }
    }

    @Test func retryAfterInSeconds() async throws {
        try await withServer { server in
            server.route("/busy", .status(429, headers: [("Retry-After", "120")]))
            let page = try await CurlFetcher().fetch(FetchRequest(url: server.url("/busy")))
            #expect(page.status == 429)
            #expect(page.retryAfter == .seconds(120))
        }
    }

    @Test func retryAfterAsHTTPDate() async throws {
        try await withServer { server in
            server.route("/down", .status(503, headers: [
                ("Date", "Wed, 21 Oct 2015 07:28:00 GMT"), ("Retry-After", "Wed, 21 Oct 2015 07:33:00 GMT"),
            ]))
            let page = try await CurlFetcher().fetch(FetchRequest(url: server.url("/down")))
            #expect(page.status == 503)
            #expect(page.retryAfter == .seconds(300))
        }
    }

    @Test func cacheControlMaxAge() async throws {
        try await withServer { server in
            server.route("/fresh", .text("x", headers: [("Cache-Control", "public, max-age=300")]))
            server.route("/plain", .text("x"))
            let fetcher = try CurlFetcher()
            #expect(try await fetcher.fetch(FetchRequest(url: server.url("/fresh"))).maxAge == .seconds(300))
            #expect(try await fetcher.fetch(FetchRequest(url: server.url("/plain"))).maxAge == nil)
        }
    }

    @Test(arguments: [404, 410, 500, 503])
    func errorStatusesAreResponses(status: Int) async throws {
        try await withServer { server in
            server.route("/e", .text("status \(status)", status: status))
            let page = try await CurlFetcher().fetch(FetchRequest(url: server.url("/e")))
            #expect(page.status == status)
            #expect(String(decoding: page.body, as: UTF8.self) == "status \(status)")
        }
    }

    @Test func wrongCharsetHeaderIsPassedOnUntouched() async throws {
        try await withServer { server in
            let html = "<p>阿里巴巴市值4萬億港元</p>"
            server.route("/big5", .text(html, contentType: "text/html; charset=big5"))
            let page = try await CurlFetcher().fetch(FetchRequest(url: server.url("/big5")))
            #expect(page.charset == "big5")
            #expect(page.body == Array(html.utf8))  // bytes as sent: decoding is FigwatchText's call
        }
    }

    @Test func emptyBodies() async throws {
        try await withServer { server in
            server.route("/empty", .respond(status: 200))
            server.route("/none", .status(204))
            let fetcher = try CurlFetcher()
            let empty = try await fetcher.fetch(FetchRequest(url: server.url("/empty")))
            #expect(empty.status == 200 && empty.body.isEmpty)
            let none = try await fetcher.fetch(FetchRequest(url: server.url("/none")))
            #expect(none.status == 204 && none.body.isEmpty)
        }
    }

    @Test func binaryBodyIsExact() async throws {
        try await withServer { server in
            let bytes = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
            server.route("/bin", .respond(headers: [("Content-Type", "application/octet-stream")], body: bytes))
            let page = try await CurlFetcher().fetch(FetchRequest(url: server.url("/bin")))
            #expect(page.body == bytes)
        }
    }

    @Test func gzipBodyIsDecompressed() async throws {
        try await withServer { server in
            let text = TestRoute.pattern(count: 200_000)
            server.route("/gz", try .gzip(text))
            let page = try await CurlFetcher().fetch(FetchRequest(url: server.url("/gz")))
            #expect(page.headers["Content-Encoding"] == "gzip")
            #expect(page.body == text)
        }
    }

    @Test func bodyOfManyKilobytes() async throws {
        try await withServer { server in
            server.route("/100k", .bytes(count: 100 * 1024))
            let page = try await CurlFetcher().fetch(FetchRequest(url: server.url("/100k")))
            #expect(page.body == TestRoute.pattern(count: 100 * 1024))
        }
    }

    @Test func bodyExactlyAtTheCapIsAccepted() async throws {
        try await withServer { server in
            server.route("/cap", .bytes(count: 1 << 20))
            let fetcher = try CurlFetcher(options: FetchOptions(maxBodyBytes: 1 << 20))
            #expect(try await fetcher.fetch(FetchRequest(url: server.url("/cap"))).body.count == 1 << 20)
        }
    }
}
