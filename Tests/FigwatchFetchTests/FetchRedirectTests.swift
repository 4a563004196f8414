import FigwatchFetch
import FigwatchTestSupport
import Testing

@Suite("CurlFetcher: redirects")
struct FetchRedirectTests {
    @Test func relativeRedirectIsFollowed() async throws {
        try await withServer { server in
            server.route("/old", .redirect(to: "/new", status: 301))
            server.route("/new", .text("moved here"))
            let page = try await CurlFetcher().fetch(FetchRequest(url: server.url("/old")))
            #expect(page.status == 200)
            #expect(page.requestedURL == server.url("/old"))
            #expect(page.effectiveURL == server.url("/new"))
            #expect(page.redirectCount == 1)
            #expect(String(decoding: page.body, as: UTF8.self) == "moved here")
            #expect(server.requestCount("/old") == 1 && server.requestCount("/new") == 1)
        }
    }

    @Test func redirectToAnotherPortIsFollowed() async throws {
        try await withServer { first in
            try await withServer { second in
                second.route("/there", .text("other server"))
                first.route("/go", .redirect(to: second.url("/there")))
                let page = try await CurlFetcher().fetch(FetchRequest(url: first.url("/go")))
                #expect(page.effectiveURL == second.url("/there"))
                #expect(String(decoding: page.body, as: UTF8.self) == "other server")
            }
        }
    }

    @Test func redirectLoopIsTooManyRedirects() async throws {
        try await withServer { server in
            server.route("/loop", .redirect(to: "/loop"))
            let url = server.url("/loop")
            let error = await fetchError(try CurlFetcher(), url)
            #expect(error?.code == .tooManyRedirects)
            #expect(error?.message == "GET \(url): more than 5 redirects (the last to \(url))")
            #expect(server.requestCount("/loop") == 6)  // the request and five redirects, no more
        }
    }

    @Test func maxRedirectsIsConfigurable() async throws {
        try await withServer { server in
            server.route("/1", .redirect(to: "/2"))
            server.route("/2", .redirect(to: "/3"))
            server.route("/3", .text("end"))
            let strict = try CurlFetcher(options: FetchOptions(maxRedirects: 1))
            #expect(await fetchError(strict, server.url("/1"))?.code == .tooManyRedirects)
            let lenient = try CurlFetcher(options: FetchOptions(maxRedirects: 2))
            #expect(try await lenient.fetch(FetchRequest(url: server.url("/1"))).redirectCount == 2)
        }
    }

    @Test(arguments: [false, true])
    func redirectToFileURLIsRefused(allowFileURLs: Bool) async throws {
        try await withServer { server in
            server.route("/evil", .redirect(to: "file:///etc/passwd"))
            let fetcher = try CurlFetcher(options: FetchOptions(allowFileURLs: allowFileURLs))
            let error = await fetchError(fetcher, server.url("/evil"))
            #expect(error?.code == .redirectRefused)
            #expect(error?.message == "GET \(server.url("/evil")): redirect to file:///etc/passwd refused")
        }
    }
}
