/// Fetches pages with libcurl's multi interface on one dedicated thread.
///
/// Many fetches may be in flight at once; they share one connection cache, so repeated fetches from a
/// site reuse its connections. `FetchOptions.concurrency` bounds the transfers in flight and
/// `perHostConcurrency` those to one host; the excess waits in arrival order. Cancelling the calling
/// task aborts its transfer.
///
/// ```swift
/// let fetcher = try CurlFetcher(options: FetchOptions(userAgent: "figwatch/0.1"))
/// defer { fetcher.shutdown() }
/// let page = try await fetcher.fetch(FetchRequest(url: "https://example.org/a", etag: storedETag))
/// if page.isNotModified { return }
/// ```
public final class CurlFetcher: Sendable {
    public let options: FetchOptions
    private let loop: CurlMultiLoop

    /// Starts the fetcher's thread. Throws `setupFailed` when libcurl cannot create its multi handle.
    public init(options: FetchOptions = FetchOptions()) throws(FetchError) {
        self.options = options
        loop = try CurlMultiLoop(options: options)
        loop.start()
    }

    deinit { loop.shutdown() }

    /// Fetches `request.url`, following up to `maxRedirects` redirects.
    ///
    /// Any HTTP status comes back as a response (304 included: see `isNotModified`). Throws `FetchError`
    /// when there is no response: a refused URL, scheme or address, a timeout, a body over the cap, a
    /// broken transfer, cancellation (`cancelled`) or a fetcher that was shut down (`shutDown`).
    public func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        let target = try FetchTarget(url: request.url, allowFileURLs: options.allowFileURLs)
        if Task.isCancelled { throw FetchError(.cancelled, url: request.url, "cancelled") }
        let transfer = CurlTransfer(request: request, target: target, options: options)
        let loop = self.loop
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfer.continuation = continuation
                loop.submit(transfer)
            }
        } onCancel: {
            loop.cancel(transfer)
        }
        do {
            return try result.get()
        } catch {
            throw error.with(method: request.method)
        }
    }

    /// Aborts every fetch still queued or running (they throw `shutDown`) and ends the thread.
    /// Later fetches throw `shutDown`. Idempotent; also done when the fetcher is released.
    public func shutdown() {
        loop.shutdown()
    }
}
