import FigwatchFetch
import FigwatchTestSupport
import Testing

/// Runs `body` against a fresh loopback server, shutting it down afterwards whatever happens.
func withServer<T>(
    host: String = "127.0.0.1", _ body: (TestHTTPServer) async throws -> T
) async throws -> T {
    try await TestHTTPServer.serving(host: host, body)
}

/// The `FetchError` a fetch of `url` throws; records an issue (and returns nil) when it succeeds.
func fetchError(
    _ fetcher: CurlFetcher, _ url: String, sourceLocation: SourceLocation = #_sourceLocation
) async -> FetchError? {
    do {
        let response = try await fetcher.fetch(FetchRequest(url: url))
        Issue.record("expected an error, got HTTP \(response.status)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// Polls `condition` every 10 ms for up to `seconds`; returns whether it became true.
func eventually(within seconds: Int = 5, _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}

/// The outcome of fetching `url`, as a value a task group can carry.
func fetchResult(_ fetcher: CurlFetcher, _ url: String) async -> Result<FetchResponse, FetchError> {
    do throws(FetchError) {
        return .success(try await fetcher.fetch(FetchRequest(url: url)))
    } catch {
        return .failure(error)
    }
}
