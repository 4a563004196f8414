import FigwatchConfig
import FigwatchCore
import FigwatchExtract
import FigwatchFetch
import FigwatchHTTP
import FigwatchStore
import FigwatchText
import Foundation
import Logging

/// Runs one source once: fetch (conditionally), and for a page, its figures; for a feed
/// or listing, each new article it links to, once.
///
/// Everything a run learns is returned (and the source's fetch state saved), so the
/// scheduler can decide when to run it next; errors of the source never escape.
struct SourceRunner: Sendable {
    let fetcher: CurlFetcher
    let figures: FigureExtractor
    /// Pages in, links followed: all a run writes.
    let store: any FigureWriter
    let gate: HostGate
    let logger: Logger
    /// When the run started and a page was fetched, and when a link was followed.
    let clock: any DaemonClock
    /// Called with each page's figures after they are committed (alerts hook in here).
    let onFigures: @Sendable (PageRecord, [Figure], String) async -> Void
    /// On a shared database: where pages wait that could not be committed while it was away.
    var pending: PendingResults? = nil

    /// New links followed from one feed or listing in one run; the rest wait for the next run,
    /// so a feed of 100,000 items cannot monopolise the fetcher.
    static let maxLinksPerRun = 50

    struct Result: Sendable {
        var state: SourceState
        var failure: String?
        /// The server asked not to be fetched before this time (Retry-After, max-age).
        var notBefore: Int64?
        var pagesStored = 0
        var figuresFound = 0
    }

    func run(_ source: Configuration.Source, previous: SourceState?) async -> Result {
        var state = previous ?? SourceState(id: source.id, url: source.url)
        if state.url != source.url {
            // A changed URL starts afresh: the old validators belong to another document.
            state = SourceState(id: source.id, url: source.url)
        }
        let startedAt = clock.now()
        var result = Result(state: state)
        do {
            let response = try await fetch(FetchRequest(url: source.url, etag: state.etag, lastModified: state.lastModified), source: source.id)
            result.state.lastFetchedAt = startedAt
            result.state.lastStatus = response.status
            result.notBefore = notBefore(response, now: startedAt)
            if response.isNotModified {
                result.state.lastError = nil
            } else if !(200..<300).contains(response.status) {
                result.failure = "GET \(source.url) returned HTTP \(response.status)"
            } else {
                result.state.etag = response.etag
                result.state.lastModified = response.lastModified
                result.state.lastError = nil
                switch source.type {
                case .page:
                    let (stored, found) = try await process(response, source: source)
                    result.pagesStored += stored
                    result.figuresFound += found
                case .feed, .listing:
                    let links = try discoverLinks(response, source: source)
                    let (stored, found) = await follow(links, source: source)
                    result.pagesStored += stored
                    result.figuresFound += found
                }
            }
        } catch {
            result.state.lastFetchedAt = startedAt
            result.failure = Self.describe(error)
        }
        if let failure = result.failure {
            result.state.lastError = failure
            result.state.consecutiveFailures += 1
        } else {
            result.state.consecutiveFailures = 0
        }
        return result
    }

    private func fetch(_ request: FetchRequest, source: String) async throws -> FetchResponse {
        if let host = URLComponents(string: request.url)?.host {
            try await gate.wait(host: host.lowercased())
        }
        let started = ContinuousClock.now
        do {
            let response = try await fetcher.fetch(request)
            FigwatchMetrics.fetched(source: source, result: Self.fetchResult(response), duration: ContinuousClock.now - started)
            return response
        } catch {
            FigwatchMetrics.fetched(source: source, result: Self.fetchResult(error), duration: ContinuousClock.now - started)
            throw error
        }
    }

    /// The page's figures, committed with the page in one transaction. A page whose
    /// bytes are unchanged since last time is not parsed again.
    private func process(_ response: FetchResponse, source: Configuration.Source) async throws -> (pages: Int, figures: Int) {
        let url = response.effectiveURL
        let hash = ContentHash.hex(response.body)
        if try await unchanged(url: url, contentHash: hash) {
            return (0, 0)
        }
        let article = try await Self.parse(response, source: source)
        // What the page and the source's configuration say settle what the text leaves open (元, a
        // bare 億); company names never do (issue #20).
        let hints = DocumentHints(
            language: article.language, host: URLComponents(string: url)?.host?.lowercased(),
            currency: source.currency, region: source.region)
        let found = figures.figures(in: article.text, hints: hints)
        let page = PageRecord(
            url: url, canonicalURL: article.canonicalURL, contentHash: hash, title: article.title,
            language: article.language, publishedAt: article.publishedAt, fetchedAt: clock.now())
        let appended: AppendResult
        let appendStarted = ContinuousClock.now
        do {
            appended = try await store.append(page: page, figures: found, sourceID: source.id)
        } catch let error as StoreError where error.code == .database && pending != nil {
            await pending?.add(page: page, figures: found, sourceID: source.id)
            return (1, found.count)
        }
        if appended.unchanged { return (0, 0) }
        FigwatchMetrics.pageStored(figures: found, appendDuration: ContinuousClock.now - appendStarted)
        logger.debug("Page stored.", metadata: [
            "source": "\(source.id)", "url": "\(url)", "figures": "\(found.count)",
            "created": "\(appended.created)", "merged": "\(appended.merged)",
        ])
        await onFigures(page, found, source.id)
        return (1, found.count)
    }

    /// Whether the store has this page with these bytes; with the shared database away, taken as new
    /// (the page then waits in `pending`, and its append adds nothing if it was stored after all).
    private func unchanged(url: String, contentHash: String) async throws -> Bool {
        do {
            return try await store.pageUnchanged(url: url, contentHash: contentHash)
        } catch let error as StoreError where error.code == .database && pending != nil {
            return false
        }
    }

    /// libxml2 parsing is CPU work that can take a while on a hostile page: it runs on
    /// a Dispatch queue, never on the cooperative pool the scheduler needs.
    static func parse(_ response: FetchResponse, source: Configuration.Source) async throws -> ArticleText {
        try await withCheckedThrowingContinuation { continuation in
            parseQueue.async {
                continuation.resume(with: Swift.Result {
                    try ArticleExtractor().article(
                        fromHTML: response.body, contentType: response.contentType, charset: source.charset,
                        contentXPath: source.content)
                })
            }
        }
    }

    static let parseQueue = DispatchQueue(label: "figwatch.parse", qos: .utility, attributes: .concurrent)

    private func discoverLinks(_ response: FetchResponse, source: Configuration.Source) throws -> [String] {
        switch source.type {
        case .feed:
            return try FeedParser.parse(response.body, baseURL: response.effectiveURL).items.map(\.link)
        case .listing:
            return try LinkExtractor.links(
                fromHTML: response.body, contentType: response.contentType, xpath: source.follow ?? "//a/@href",
                baseURL: response.effectiveURL)
        case .page:
            return []
        }
    }

    /// Fetches each link not followed before. A link is remembered once its page is
    /// stored, or on a permanent failure (4xx); a transient failure leaves it for the next run.
    private func follow(_ links: [String], source: Configuration.Source) async -> (pages: Int, figures: Int) {
        var pages = 0, found = 0
        let fresh: [String]
        do {
            fresh = Array(try await store.newLinks(sourceID: source.id, among: links).prefix(Self.maxLinksPerRun))
        } catch {
            logger.error("Cannot read the followed links of a source.", metadata: ["source": "\(source.id)", "error": "\(error)"])
            return (0, 0)
        }
        for link in fresh {
            if Task.isCancelled { break }
            var done = false
            do {
                let response = try await fetch(FetchRequest(url: link), source: source.id)
                if (200..<300).contains(response.status) {
                    let (p, f) = try await process(response, source: source)
                    pages += p
                    found += f
                    done = true
                } else {
                    done = (400..<500).contains(response.status) && response.status != 429
                    logger.info("A linked article could not be fetched.", metadata: [
                        "source": "\(source.id)", "url": "\(link)", "status": "\(response.status)",
                    ])
                }
            } catch {
                logger.info("A linked article could not be read.", metadata: [
                    "source": "\(source.id)", "url": "\(link)", "error": "\(Self.describe(error))",
                ])
            }
            if done {
                try? await store.markFollowed(sourceID: source.id, urls: [link], at: clock.now())
            }
        }
        return (pages, found)
    }

    private func notBefore(_ response: FetchResponse, now: Int64) -> Int64? {
        let delays = [response.retryAfter, response.maxAge].compactMap { $0 }
        return delays.max().map { now + $0.milliseconds }
    }

    static func describe(_ error: any Error) -> String {
        String(describing: error)
    }
}
