import FigwatchStore
import FigwatchTestSupport
import Foundation

/// A temporary folder with a config whose `http:` listens on a free loopback port (port 0: the daemon
/// logs the port it got), a loopback news server, and the daemon as a child process.
final class ListenerFixture: Sendable {
    let directory: URL
    let server: TestHTTPServer
    let notify: NotifySocket
    var configPath: String { directory.appendingPathComponent("figwatch.yaml").path }
    var storePath: String { directory.appendingPathComponent("figwatch.sqlite").path }
    var socketPath: String { directory.appendingPathComponent("http.sock").path }

    init() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("figwatch-http-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        server = try await TestHTTPServer.start()
        notify = try NotifySocket(directory: directory)
    }

    func cleanUp() async {
        try? await server.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }

    /// An article whose figure is `company`'s market cap of `trillions` trillion USD, in a sentence that
    /// carries `extra` (already HTML: entities such as `&lt;script&gt;` arrive in the text as characters).
    static func page(_ company: String, trillions: String, day: Int = 3, extra: String = "") -> String {
        """
        <html><head><title>\(company) market value</title>
        <meta property="article:published_time" content="2025-09-\(String(format: "%02d", day))T10:00:00Z"></head>
        <body><article><h1>\(company) shares climb</h1>
        <p>\(company)'s market value rose to $\(trillions) trillion on Monday\(extra), after the company reported record quarterly profit.</p>
        <p>Analysts said demand for its products remained strong across every region it sells in.</p>
        </article></body></html>
        """
    }

    /// Sources `acme` (page /acme) and, if given, more; an `http:` section with `http`.
    func writeConfig(http: String, sources: [(id: String, path: String)] = [("acme", "/acme")], interval: String = "1s",
                     entityName: String = "Acme Corp", extra: String = "") throws {
        var yaml = """
            storage:
              path: \(storePath)
            fetch:
              per_host_delay: 0s
              per_host_concurrency: 8
              timeout: 3s
            log:
              format: json
              level: info
            defaults:
              interval: \(interval)
            http:
            \(http.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            entities:
              - {id: acme, name: "\(entityName)", aliases: [Acme]}
              - {id: globex, name: Globex, aliases: [Globex]}
            alerts:
              - {id: acme-above-3t, entity: acme, metric: market_cap, above: "3 trillion USD"}
            sources:

            """
        for source in sources {
            yaml += "  - {id: \(source.id), url: \"\(server.url(source.path))\", type: page}\n"
        }
        yaml += extra
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    func start() throws -> DaemonProcess {
        try DaemonProcess(arguments: ["run", "--config", configPath], environment: ["NOTIFY_SOCKET": notify.path])
    }

    /// The address the daemon's listener logged (`127.0.0.1:PORT`, `[::1]:PORT` or a socket path).
    static func listening(_ daemon: DaemonProcess, after count: Int = 0) async -> SimpleHTTPClient.Target? {
        var address: String?
        _ = await daemon.waitForRecord(timeout: .seconds(20)) { record in
            guard record["event"] == "http_listening" else { return false }
            address = record["address"]
            return true
        }
        let all = daemon.records.filter { $0["event"] == "http_listening" }.compactMap { $0["address"] }
        if all.count > count { address = all[count] } else if count > 0 { return nil }
        return address.flatMap(target)
    }

    static func target(_ address: String) -> SimpleHTTPClient.Target? {
        if address.hasPrefix("/") { return .unix(path: address) }
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]) else { return nil }
        var host = String(address[..<colon])
        if host.hasPrefix("[") { host = String(host.dropFirst().dropLast()) }
        return .tcp(host: host, port: port)
    }

    /// Polls `path` until it answers `status`.
    static func until(_ target: SimpleHTTPClient.Target, _ path: String, status: Int, timeout: Duration = .seconds(20)) async -> Bool {
        await eventually(timeout: timeout) { (try? SimpleHTTPClient.get(target, path))?.status == status }
    }

    /// A port nothing listens on right now.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
