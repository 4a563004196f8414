import Foundation
import PostgresNIO

/// Where a PostgreSQL store lives, read from a `postgres://` URL as libpq writes them.
///
/// `postgres://user:password@host:5432/database` connects over TCP; `postgres://user@/database?host=/run/pg`
/// (a `host` that is a directory) connects to that directory's Unix socket `.s.PGSQL.<port>`.
/// `sslmode=disable|prefer|require` chooses TLS (`prefer` is libpq's default and ours for TCP).
/// `description` never shows the password, so the location can name the store in logs and errors.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    public enum Endpoint: Sendable, Hashable {
        case tcp(host: String, port: Int)
        case unixSocket(path: String)
    }

    public enum TLSMode: String, Sendable, Hashable {
        case disable, prefer, require
    }

    public var endpoint: Endpoint
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    public init(endpoint: Endpoint, username: String, password: String? = nil, database: String, tls: TLSMode = .disable) {
        self.endpoint = endpoint
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
    }

    /// Parses a `postgres://` or `postgresql://` URL.
    ///
    /// - Throws: `StoreError(.openFailed)` naming what is wrong with the URL (without its password).
    public init(url text: String) throws {
        guard let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql"
        else {
            throw PostgresStore.urlError("is not a postgres:// URL")
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] {
            query[item.name] = item.value ?? ""
        }
        let port = components.port ?? query["port"].flatMap { Int($0) } ?? 5432
        guard (1...65535).contains(port) else { throw PostgresStore.urlError("has port \(port) out of range") }
        guard let user = components.user.flatMap({ $0.removingPercentEncoding }), !user.isEmpty else {
            throw PostgresStore.urlError("names no user (postgres://USER@host/database)")
        }
        let database = String(components.path.drop(while: { $0 == "/" })).removingPercentEncoding ?? ""
        guard !database.isEmpty else {
            throw PostgresStore.urlError("names no database (postgres://user@host/DATABASE)")
        }
        let host = (components.host?.removingPercentEncoding).flatMap { $0.isEmpty ? nil : $0 } ?? query["host"]
        let endpoint: Endpoint
        switch host {
        case let directory? where directory.hasPrefix("/"):
            endpoint = .unixSocket(path: directory + "/.s.PGSQL.\(port)")
        case let name?:
            endpoint = .tcp(host: name, port: port)
        case nil:
            throw PostgresStore.urlError("names no host (postgres://user@HOST/database, or ?host=/socket/directory)")
        }
        let tls: TLSMode
        switch query["sslmode"] {
        case nil:
            if case .unixSocket = endpoint { tls = .disable } else { tls = .prefer }
        case let mode?:
            guard let known = TLSMode(rawValue: mode) else {
                throw PostgresStore.urlError("has sslmode=\(mode); expected disable, prefer or require")
            }
            tls = known
        }
        self.init(endpoint: endpoint, username: user, password: components.password?.removingPercentEncoding,
                  database: database, tls: tls)
    }

    public var description: String {
        switch endpoint {
        case let .tcp(host, port): "postgres://\(username)@\(host):\(port)/\(database)"
        case let .unixSocket(path): "postgres://\(username)@/\(database)?host=\((path as NSString).deletingLastPathComponent)"
        }
    }

    /// The client configuration for this location.
    func clientConfiguration() throws -> PostgresClient.Configuration {
        switch endpoint {
        case let .unixSocket(path):
            return PostgresClient.Configuration(
                unixSocketPath: path, username: username, password: password, database: database)
        case let .tcp(host, port):
            let clientTLS: PostgresClient.Configuration.TLS
            switch tls {
            case .disable: clientTLS = .disable
            case .prefer: clientTLS = .prefer(.makeClientConfiguration())
            case .require: clientTLS = .require(.makeClientConfiguration())
            }
            return PostgresClient.Configuration(
                host: host, port: port, username: username, password: password, database: database, tls: clientTLS)
        }
    }
}
