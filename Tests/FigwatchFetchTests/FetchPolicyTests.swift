import FigwatchFetch
import FigwatchTestSupport
import Foundation
import Testing

@Suite("CurlFetcher: what it refuses")
struct FetchPolicyTests {
    @Test func unparsableURLIsInvalid() async throws {
        let error = await fetchError(try CurlFetcher(), "not a url")
        #expect(error?.code == .invalidURL)
        #expect(error?.message == "GET not a url: not an absolute URL")
    }

    @Test(arguments: [
        ("ftp://example.org/x", "GET ftp://example.org/x: scheme ftp refused"),
        ("gopher://example.org/", "GET gopher://example.org/: scheme gopher refused"),
        ("file:///etc/hostname", "GET file:///etc/hostname: scheme file refused (allow_file_urls is off)"),
    ])
    func schemesOtherThanHTTPAreRefused(url: String, message: String) async throws {
        let error = await fetchError(try CurlFetcher(), url)
        #expect(error?.code == .schemeRefused)
        #expect(error?.message == message)
    }

    @Test func fileURLIsReadWhenAllowed() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("figwatch-fetch-\(UUID().uuidString).html")
        try Data("<p>local page</p>".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let fetcher = try CurlFetcher(options: FetchOptions(allowFileURLs: true))
        let page = try await fetcher.fetch(FetchRequest(url: file.absoluteString))
        #expect(page.status == 200)
        #expect(String(decoding: page.body, as: UTF8.self) == "<p>local page</p>")
    }

    @Test func loopbackIsRefusedWhenBlockingPrivateAddresses() async throws {
        try await withServer { server in
            server.route("/a", .text("secret"))
            let fetcher = try CurlFetcher(options: FetchOptions(blockPrivateAddresses: true))
            let error = await fetchError(fetcher, server.url("/a"))
            #expect(error?.code == .addressBlocked)
            #expect(error?.message ==
                "GET \(server.url("/a")): address 127.0.0.1 is private and block_private_addresses is on")
            #expect(server.requestCount("/a") == 0)
        }
    }

    @Test func loopbackNameIsRefusedAfterResolution() async throws {
        try await withServer { server in
            server.route("/a", .text("secret"))
            let fetcher = try CurlFetcher(options: FetchOptions(blockPrivateAddresses: true))
            let url = "http://localhost:\(server.port)/a"
            let error = await fetchError(fetcher, url)
            #expect(error?.code == .addressBlocked)
            #expect(error?.message.hasPrefix("GET \(url): address ") == true)
            #expect(server.requestCount("/a") == 0)
        }
    }

    @Test func blockedAddressOnARedirectHopIsRefused() async throws {
        try await withServer(host: "127.0.0.1") { entry in
            try await withServer(host: "127.0.0.2") { inner in
                inner.route("/secret", .text("metadata"))
                entry.route("/hop", .redirect(to: inner.url("/secret")))
                var options = FetchOptions(blockPrivateAddresses: true)
                options.addressPolicy = AddressPolicy(refusing: ["127.0.0.2/32"])
                let fetcher = try CurlFetcher(options: options)

                let error = await fetchError(fetcher, entry.url("/hop"))
                #expect(error?.code == .addressBlocked)
                #expect(error?.message == "GET \(entry.url("/hop")): address 127.0.0.2 is private and "
                    + "block_private_addresses is on (redirected to \(inner.url("/secret")))")
                #expect(entry.requestCount("/hop") == 1)
                #expect(inner.requestCount("/secret") == 0)
            }
        }
    }

    @Test func blockingOffReachesLoopback() async throws {
        try await withServer { server in
            server.route("/a", .text("fine"))
            let page = try await CurlFetcher(options: FetchOptions(blockPrivateAddresses: false))
                .fetch(FetchRequest(url: server.url("/a")))
            #expect(page.status == 200)
        }
    }
}
