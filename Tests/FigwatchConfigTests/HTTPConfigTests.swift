import FigwatchConfig
import Foundation
import Testing

/// The `http:` section: listen addresses, allowed networks, users files, the beyond-loopback warning.
struct HTTPConfigTests {
    static func load(_ http: String, users: String? = nil) throws -> Configuration {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("figwatch-httpconf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        if let users { try users.write(to: directory.appendingPathComponent("users"), atomically: true, encoding: .utf8) }
        let path = directory.appendingPathComponent("figwatch.yaml").path
        try "http:\n\(http)\n".write(toFile: path, atomically: true, encoding: .utf8)
        return try ConfigLoader.standard.load(path: path)
    }

    @Test(arguments: [
        ("127.0.0.1:9464", "127.0.0.1:9464", true), ("\"[::1]:9464\"", "[::1]:9464", true),
        ("0.0.0.0:80", "0.0.0.0:80", false), ("\"[::]:9464\"", "[::]:9464", false), ("localhost:0", "localhost:0", true),
        ("/run/figwatch/http.sock", "/run/figwatch/http.sock", true), ("10.1.2.3:9464", "10.1.2.3:9464", false),
    ])
    func listen(_ yaml: String, _ described: String, _ local: Bool) throws {
        let http = try #require(try Self.load("  listen: \(yaml)").http)
        #expect(http.listen.description == described)
        #expect(http.listen.isLocal == local)
        #expect(http.allowedNetworks == NetworkRange.loopback)
    }

    @Test(arguments: ["9464", "127.0.0.1", "127.0.0.1:99999", "::1:9464", "[127.0.0.1]:9464", "example.com:80", "relative.sock", ":9464"])
    func badListen(_ text: String) {
        #expect(throws: ConfigError.self) { try Self.load("  listen: \"\(text)\"") }
    }

    @Test(arguments: [
        ("10.0.0.0/8", "10.255.1.2", true), ("10.0.0.0/8", "11.0.0.1", false), ("192.0.2.7", "192.0.2.7", true),
        ("192.0.2.7", "192.0.2.8", false), ("127.0.0.0/8", "::ffff:127.0.0.1", true), ("fd00::/8", "fd12::1", true),
        ("fd00::/8", "fe80::1", false), ("::1/128", "::1", true), ("0.0.0.0/0", "203.0.113.9", true),
        ("10.0.0.0/8", "not an address", false),
    ])
    func networks(_ cidr: String, _ address: String, _ contained: Bool) throws {
        let network = try #require(NetworkRange(cidr))
        #expect(network.contains(address) == contained)
    }

    @Test func networkDescriptionsAreCanonical() {
        #expect(NetworkRange("10.1.2.3/8")?.description == "10.0.0.0/8")
        #expect(NetworkRange("fd00:0:0::1/16")?.description == "fd00::/16")
        #expect(NetworkRange("10.0.0.0/33") == nil)
        #expect(NetworkRange("10.0.0/8") == nil)
    }

    @Test func usersFileAndWarning() throws {
        let hash = "$2y$05$" + String(repeating: "a", count: 53)
        let config = try Self.load("  listen: 0.0.0.0:9464\n  users_file: users", users: "# comment\n\nalice:\(hash)\n")
        #expect(config.http?.users == ["alice": hash])
        #expect(config.warnings.isEmpty)
        let open = try Self.load("  listen: 0.0.0.0:9464")
        #expect(open.warnings.count == 1)
        #expect(try Self.load("  listen: 127.0.0.1:9464").warnings.isEmpty)
        #expect(throws: ConfigError.self) { try Self.load("  listen: 127.0.0.1:1\n  users_file: users", users: "alice:\(hash)\nalice:\(hash)\n") }
        #expect(throws: ConfigError.self) { try Self.load("  listen: 127.0.0.1:1\n  users_file: missing") }
        #expect(throws: ConfigError.self) { try Self.load("  users_file: users", users: "alice:\(hash)\n") }
    }
}
