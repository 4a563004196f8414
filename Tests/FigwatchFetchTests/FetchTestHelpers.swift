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

/// The outcome of fetching `url`, as a value a task group can carry.
func fetchResult(_ fetcher: CurlFetcher, _ url: String) async -> Result<FetchResponse, FetchError> {
    do throws(FetchError) {
        return .success(try await fetcher.fetch(FetchRequest(url: url)))
    } catch {
        return .failure(error)
    }
}
