import FigwatchFetch
import FigwatchTestSupport
import Testing

@Suite("CurlFetcher: server faults")
struct FetchFaultTests {
    @Test func slowDripWithinTimeoutCompletes() async throws {
        try await withServer { server in
            let body = TestRoute.pattern(count: 100)
            server.route("/drip", .drip(body, chunk: 10, every: .milliseconds(20)))
            let page = try await CurlFetcher().fetch(FetchRequest(url: server.url("/drip")))
            #expect(page.body == body)
        }
    }

    @Test func slowDripPastTotalTimeoutTimesOut() async throws {
        try await withServer { server in
            server.route("/drip", .drip(TestRoute.pattern(count: 1000), chunk: 10, every: .milliseconds(100)))
            let fetcher = try CurlFetcher(options: FetchOptions(timeout: .seconds(1)))
            let error = await fetchError(fetcher, server.url("/drip"))
            #expect(error?.code == .timedOut)
            #expect(error?.message == "GET \(server.url("/drip")): timed out after 1 s")
        }
    }

    @Test func stallAfterHeadersHitsLowSpeedLimit() async throws {
        try await withServer { server in
            server.route("/ok", .text("ok"))
            server.route("/stall", .stallAfterHeaders())
            let options = FetchOptions(timeout: .seconds(20), lowSpeedLimit: 100, lowSpeedTime: .seconds(1))
            let fetcher = try CurlFetcher(options: options)
            _ = try await fetcher.fetch(FetchRequest(url: server.url("/ok")))  // the stall then reuses this connection
            let error = await fetchError(fetcher, server.url("/stall"))
            #expect(error?.code == .timedOut)
            #expect(error?.message == "GET \(server.url("/stall")): stalled: under 100 bytes/s for 1 s")
            #expect(server.connectionsAccepted == 1)
        }
    }

    @Test func connectThatNeverCompletesTimesOut() async throws {
        let listener = try UnresponsiveListener()
        let url = "http://127.0.0.1:\(listener.port)/"
        let fetcher = try CurlFetcher(options: FetchOptions(connectTimeout: .seconds(1), timeout: .seconds(20)))
        let error = await fetchError(fetcher, url)
        #expect(error?.code == .timedOut)
        #expect(error?.message == "GET \(url): connect timed out after 1 s")
    }

    @Test func connectionResetMidBody() async throws {
        try await withServer { server in
            server.route("/reset", .reset(TestRoute.pattern(count: 100_000), after: 10_000))
            let error = await fetchError(try CurlFetcher(), server.url("/reset"))
            #expect(error?.code == .transferFailed)
            #expect(error?.message.hasPrefix("GET \(server.url("/reset")): transfer failed (") == true)
        }
    }

    @Test func connectionClosedMidBody() async throws {
        try await withServer { server in
            server.route("/cut", .truncated(TestRoute.pattern(count: 100_000), after: 10_000))
            let error = await fetchError(try CurlFetcher(), server.url("/cut"))
            #expect(error?.code == .transferFailed)
            #expect(error?.message ==
                "GET \(server.url("/cut")): transfer failed (transfer closed with 90000 bytes remaining to read)")
        }
    }

    @Test func endlessBodyWithoutContentLengthStopsAtCap() async throws {
        try await withServer { server in
            server.route("/endless", .endless())
            let fetcher = try CurlFetcher(options: FetchOptions(maxBodyBytes: 1 << 20))
            let error = await fetchError(fetcher, server.url("/endless"))
            #expect(error?.code == .bodyTooLarge)
            #expect(error?.message == "GET \(server.url("/endless")): body larger than 1 MiB")
        }
    }

    @Test func announcedBodyOverCapIsRefusedUpFront() async throws {
        try await withServer { server in
            server.route("/big", .bytes(count: 2 << 20))
            let fetcher = try CurlFetcher(options: FetchOptions(maxBodyBytes: 1 << 20))
            let error = await fetchError(fetcher, server.url("/big"))
            #expect(error?.code == .bodyTooLarge)
            #expect(error?.message == "GET \(server.url("/big")): body larger than 1 MiB")
        }
    }

    @Test func gzipBombStopsAtDefaultCap() async throws {
        try await withServer { server in
            let bomb = try TestGzip.zeros(count: 64 << 20)
            #expect(bomb.count < 1 << 20)  // it really is a bomb: under 1 MiB on the wire
            server.route("/bomb", .respond(headers: [("Content-Encoding", "gzip")], body: bomb))
            let error = await fetchError(try CurlFetcher(), server.url("/bomb"))
            #expect(error?.code == .bodyTooLarge)
            #expect(error?.message == "GET \(server.url("/bomb")): body larger than 8 MiB")
        }
    }

    @Test(.enabled(if: TestBrotli.testable, "the brotli tool is missing (apt-get install brotli)"))
    func brotliBombStopsAtDefaultCap() async throws {
        try await withServer { server in
            let bomb = try TestBrotli.zeros(count: 64 << 20)
            #expect(bomb.count < 1 << 20)
            server.route("/bomb", .respond(headers: [("Content-Encoding", "br")], body: bomb))
            let error = await fetchError(try CurlFetcher(), server.url("/bomb"))
            #expect(error?.code == .bodyTooLarge)
            #expect(error?.message == "GET \(server.url("/bomb")): body larger than 8 MiB")
        }
    }

    @Test func invalidGzipIsABadContentEncoding() async throws {
        try await withServer { server in
            server.route("/badgz", .invalidGzip())
            let error = await fetchError(try CurlFetcher(), server.url("/badgz"))
            #expect(error?.code == .badContentEncoding)
            #expect(error?.message.hasPrefix("GET \(server.url("/badgz")): body does not decode (") == true)
        }
    }

    @Test func refusedConnectionIsConnectFailed() async throws {
        // Port 1: privileged and never handed out as an ephemeral port, so no parallel test's server
        // can be listening there (a closed server's port could be reused at once).
        let url = "http://127.0.0.1:1/gone"
        let error = await fetchError(try CurlFetcher(), url)
        #expect(error?.code == .connectFailed)
        #expect(error?.message.hasPrefix("GET \(url): could not connect (") == true)
    }

    @Test func unresolvableHostIsResolveFailed() async throws {
        let url = "http://no-such-host.invalid/"  // .invalid never resolves (RFC 6761)
        let error = await fetchError(try CurlFetcher(), url)
        #expect(error?.code == .resolveFailed)
        #expect(error?.message.hasPrefix("GET \(url): could not resolve host (") == true)
    }
}
