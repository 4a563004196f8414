/// A loopback news site for the daemon benchmarks: `/page?i=N` is company N's article, whose market
/// value moves on every fetch, so that every fetch runs the whole pipeline (text, extraction, a commit,
/// the alert rules) rather than stopping at "page unchanged".
public final class MovingNewsServer: Sendable {
    public let server: TestHTTPServer
    private let count: LockedBox<Int>

    private init(server: TestHTTPServer, count: LockedBox<Int>) {
        self.server = server
        self.count = count
    }

    public static func start() async throws -> MovingNewsServer {
        let server = try await TestHTTPServer.start()
        let count = LockedBox(0)
        server.route("/page", .dynamic { request in
            let n = count.withLock { count -> Int in
                count += 1
                return count
            }
            let id = request.uri.split(separator: "=").last.map(String.init) ?? "0"
            let value = 3000 + n % 997
            return .text("""
                <html><head><title>Company \(id)</title></head><body><nav><a href="/">Home</a></nav>
                <article><h1>Company \(id) shares move</h1>
                <p>Acme's market value rose to $\(value / 1000).\(value % 1000) trillion on Monday, after the company reported results.</p>
                <p>Analysts said demand remained strong across every region, and the company kept its guidance for the year.</p>
                </article><footer>Demo News</footer></body></html>
                """)
        })
        return MovingNewsServer(server: server, count: count)
    }

    /// Pages served so far.
    public var served: Int { count.withLock { $0 } }

    /// Source `index`'s page.
    public func url(source index: Int) -> String { server.url("/page?i=\(index)") }

    public func shutdown() async throws { try await server.shutdown() }
}
