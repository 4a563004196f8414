import FigwatchFetch
import FigwatchTestSupport
import Testing

@Suite("CurlFetcher: concurrency, cancellation, shutdown")
struct FetchConcurrencyTests {
    /// Fetches `count` URLs at once and returns the results in order.
    private func fetchAll(_ fetcher: CurlFetcher, _ urls: [String]) async -> [Result<FetchResponse, FetchError>] {
        await withTaskGroup(of: (Int, Result<FetchResponse, FetchError>).self) { group in
            for (index, url) in urls.enumerated() {
                group.addTask { (index, await fetchResult(fetcher, url)) }
            }
            var results = [Result<FetchResponse, FetchError>?](repeating: nil, count: urls.count)
            for await (index, result) in group { results[index] = result }
            return results.map { $0! }
        }
    }

    @Test func perHostConcurrencyLimitsRequestsInFlight() async throws {
        try await withServer { server in
            server.route("/slow", TestRoute.text("slow").delayed(by: .milliseconds(150)))
            let fetcher = try CurlFetcher(options: FetchOptions(concurrency: 16, perHostConcurrency: 2))
            let results = await fetchAll(fetcher, Array(repeating: server.url("/slow"), count: 10))
            #expect(results.allSatisfy { (try? $0.get().status) == 200 })
            #expect(server.maxConcurrentRequests == 2)
            #expect(server.maxOpenConnections <= 2)
        }
    }

    @Test func totalConcurrencyLimitsRequestsInFlight() async throws {
        try await withServer { server in
            server.route("/slow", TestRoute.text("slow").delayed(by: .milliseconds(150)))
            let fetcher = try CurlFetcher(options: FetchOptions(concurrency: 3, perHostConcurrency: 10))
            let results = await fetchAll(fetcher, Array(repeating: server.url("/slow"), count: 9))
            #expect(results.allSatisfy { (try? $0.get().status) == 200 })
            #expect(server.maxConcurrentRequests == 3)
        }
    }

    @Test func busyHostDoesNotHoldUpAnotherHost() async throws {
        try await withServer { busy in
            try await withServer { quiet in
                // The busy host's one slot is held by a request that never ends, so its queue stays
                // queued however slow the machine (a queue that drained in 10 s once drained before
                // the other host's fetch returned, on a machine loaded by four builds).
                busy.route("/slow", .stallAfterHeaders())
                quiet.route("/fast", .text("fast"))
                let fetcher = try CurlFetcher(options: FetchOptions(concurrency: 16, perHostConcurrency: 1))
                async let backlog = fetchAll(fetcher, Array(repeating: busy.url("/slow"), count: 4))
                #expect(await eventually { busy.requestCount("/slow") == 1 })
                let fast = try await fetcher.fetch(FetchRequest(url: quiet.url("/fast")))
                #expect(fast.status == 200)
                #expect(busy.requestCount("/slow") == 1)  // the busy host's queue is still waiting
                fetcher.shutdown()  // ends the stalled request and the queue behind it
                #expect(await backlog.allSatisfy { (try? $0.get()) == nil })
            }
        }
    }

    @Test func sequentialFetchesReuseOneConnection() async throws {
        try await withServer { server in
            server.route("/a", .text("a"))
            let fetcher = try CurlFetcher()
            for _ in 0..<5 { _ = try await fetcher.fetch(FetchRequest(url: server.url("/a"))) }
            #expect(server.requestCount("/a") == 5)
            #expect(server.connectionsAccepted == 1)
        }
    }

    @Test func twoHundredConcurrentFetchesAllComplete() async throws {
        try await withServer { server in
            server.route("/n", .dynamic { request in .text(request.uri, contentType: "text/plain") })
            let fetcher = try CurlFetcher(options: FetchOptions(concurrency: 16, perHostConcurrency: 16))
            let urls = (0..<200).map { server.url("/n?i=\($0)") }
            let results = await fetchAll(fetcher, urls)
            let bodies = results.map { (try? $0.get()).map { String(decoding: $0.body, as: UTF8.self) } }
            #expect(bodies == (0..<200).map { "/n?i=\($0)" })
            #expect(server.requestCount("/n") == 200)
            // One multi handle, one connection cache: connections are reused, not opened per fetch.
            #expect(server.connectionsAccepted <= 16)
        }
    }

    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        try await withServer { server in
            server.route("/stall", .stallAfterHeaders())
            let fetcher = try CurlFetcher()
            let result = await withTaskGroup(of: Result<FetchResponse, FetchError>.self) { group in
                group.addTask { await fetchResult(fetcher, server.url("/stall")) }
                _ = await eventually { server.requestCount("/stall") == 1 }
                group.cancelAll()
                return await group.next()!
            }
            guard case .failure(let error) = result else { Issue.record("fetch was not cancelled"); return }
            #expect(error.code == .cancelled)
            #expect(error.message == "GET \(server.url("/stall")): cancelled")
            #expect(await eventually { server.openConnections == 0 })  // libcurl closed the connection
        }
    }

    @Test func cancellingAQueuedFetchNeverSendsIt() async throws {
        try await withServer { server in
            server.route("/stall", .stallAfterHeaders())
            server.route("/queued", .text("never"))
            let fetcher = try CurlFetcher(options: FetchOptions(perHostConcurrency: 1))
            async let holder = fetchResult(fetcher, server.url("/stall"))  // holds the host's only slot
            _ = await eventually { server.requestCount("/stall") == 1 }
            let queued = await withTaskGroup(of: Result<FetchResponse, FetchError>.self) { group in
                group.addTask { await fetchResult(fetcher, server.url("/queued")) }
                try? await Task.sleep(for: .milliseconds(100))
                group.cancelAll()
                return await group.next()!
            }
            fetcher.shutdown()  // releases the holder
            guard case .failure(let error) = queued else { Issue.record("queued fetch was not cancelled"); return }
            #expect(error.code == .cancelled)
            #expect(server.requestCount("/queued") == 0)
            guard case .failure(let holderError) = await holder else { Issue.record("stalled fetch succeeded"); return }
            #expect(holderError.code == .shutDown)
        }
    }

    @Test func massCancellationLeavesFetcherHealthy() async throws {
        try await withServer { server in
            // Cancelled once all 8 slots are busy: the 92 other fetches are then queued behind answers
            // that take a second, not racing to finish first (a fixed sleep before cancelling did,
            // and on a loaded machine all 100 were sometimes answered by the time it woke).
            server.route("/slow", TestRoute.text("slow").delayed(by: .seconds(1)))
            let fetcher = try CurlFetcher(options: FetchOptions(concurrency: 8, perHostConcurrency: 8))
            let results = await withTaskGroup(of: Result<FetchResponse, FetchError>.self) { group in
                for _ in 0..<100 { group.addTask { await fetchResult(fetcher, server.url("/slow")) } }
                #expect(await eventually { server.requestCount("/slow") >= 8 })
                group.cancelAll()
                return await group.reduce(into: []) { $0.append($1) }
            }
            // Each fetch ends exactly once (a double resume would trap), either answered or cancelled.
            #expect(results.count == 100)
            let cancelled = results.filter { if case .failure(let e) = $0 { e.code == .cancelled } else { false } }
            let answered = results.filter { (try? $0.get().status) == 200 }
            #expect(cancelled.count + answered.count == 100)
            #expect(cancelled.count > 0)
            #expect(try await fetcher.fetch(FetchRequest(url: server.url("/slow"))).status == 200)
        }
    }

    @Test func alreadyCancelledTaskDoesNotFetch() async throws {
        try await withServer { server in
            server.route("/a", .text("a"))
            let fetcher = try CurlFetcher()
            let error = await withTaskGroup(of: FetchError?.self) { group in
                group.cancelAll()
                group.addTask {
                    guard case .failure(let error) = await fetchResult(fetcher, server.url("/a")) else { return nil }
                    return error
                }
                return await group.next()!
            }
            #expect(error?.code == .cancelled)
            #expect(server.requestCount("/a") == 0)
        }
    }

    @Test func shutdownFailsRunningAndLaterFetches() async throws {
        try await withServer { server in
            server.route("/stall", .stallAfterHeaders())
            let fetcher = try CurlFetcher()
            let url = server.url("/stall")
            async let running = fetchError(fetcher, url)
            _ = await eventually { server.requestCount("/stall") == 1 }
            fetcher.shutdown()
            let error = await running
            #expect(error?.code == .shutDown)
            #expect(error?.message == "GET \(url): fetcher is shut down")
            #expect(await fetchError(fetcher, url)?.code == .shutDown)
            fetcher.shutdown()  // idempotent
        }
    }
}
