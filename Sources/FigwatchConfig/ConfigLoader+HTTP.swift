import Foundation
import Yams

/// The `http:` section (issue 23): where the read-only listener binds and who may use it.
extension ConfigLoader {
    func readHTTP(_ node: Node, into config: inout Configuration, directory: String, reader: inout YAMLReader) {
        guard let entries = reader.mapping(node, at: "http", allowed: ConfigSchema.http) else { return }
        guard let listenNode = entries.first(where: { $0.key == "listen" })?.value else {
            reader.report(node, "http.listen is required: an address and port (127.0.0.1:9464, [::1]:9464) or a Unix socket path")
            return
        }
        guard let text = reader.string(listenNode, at: "http.listen") else { return }
        guard let listen = Self.listen(text, directory: directory) else {
            reader.report(listenNode, "http.listen: '\(text)' is not HOST:PORT (127.0.0.1:9464, [::1]:9464, 0.0.0.0:9464) or an absolute Unix socket path")
            return
        }
        var http = Configuration.HTTP(listen: listen)
        for (key, _, value) in entries {
            switch key {
            case "users_file":
                guard let path = reader.string(value, at: "http.users_file") else { continue }
                let full = path.hasPrefix("/") || directory.isEmpty ? path : directory + "/" + path
                http.usersFile = URL(fileURLWithPath: full).standardizedFileURL.path
                switch Self.users(fromFile: http.usersFile!) {
                case .success(let users): http.users = users
                case .failure(let problem): reader.report(value, "http.users_file: \(problem.message)")
                }
            case "allowed_networks":
                guard let items = reader.sequence(value, at: "http.allowed_networks") else { continue }
                var networks: [NetworkRange] = []
                for (index, item) in items.enumerated() {
                    guard let cidr = reader.string(item, at: "http.allowed_networks[\(index)]") else { continue }
                    if let network = NetworkRange(cidr) {
                        networks.append(network)
                    } else {
                        reader.report(item, "http.allowed_networks[\(index)]: '\(cidr)' is not an IPv4 or IPv6 network (10.0.0.0/8, fd00::/8, 192.0.2.7)")
                    }
                }
                http.allowedNetworks = networks
            default: break
            }
        }
        config.http = http
    }

    /// `127.0.0.1:9464`, `[::1]:9464`, `localhost:9464`, or an absolute path (a Unix socket).
    static func listen(_ text: String, directory: String) -> Configuration.HTTP.Listen? {
        if text.hasPrefix("/") { return .unix(path: text) }
        if text.hasPrefix("unix:") {
            let path = String(text.dropFirst(5))
            return path.hasPrefix("/") ? .unix(path: path) : nil
        }
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = String(text[..<colon])
        let portText = text[text.index(after: colon)...]
        guard !portText.isEmpty, portText.allSatisfy(\.isASCII), let port = Int(portText), (0...65535).contains(port)
        else { return nil }
        if host.hasPrefix("[") && host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
            guard host.contains(":"), NetworkRange.addressBytes(host)?.count == 16 else { return nil }
        } else if host != "localhost" {
            guard !host.contains(":"), NetworkRange.addressBytes(host)?.count == 4 else { return nil }
        }
        return .tcp(host: host, port: port)
    }

    struct UsersFileProblem: Error {
        var message: String
    }

    /// Reads `name:hash` lines (as `htpasswd -B` writes them); blank lines and `#` comments are skipped.
    /// Only bcrypt hashes (`$2a$`, `$2b$`, `$2y$`) are accepted: they are what the listener can verify.
    static func users(fromFile path: String) -> Result<[String: String], UsersFileProblem> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(UsersFileProblem(message: "cannot read \(path)"))
        }
        var users: [String: String] = [:]
        for (index, raw) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                return .failure(UsersFileProblem(message: "line \(index + 1): expected NAME:BCRYPT-HASH"))
            }
            let name = String(line[..<colon]), hash = String(line[line.index(after: colon)...])
            guard ["$2a$", "$2b$", "$2y$"].contains(where: hash.hasPrefix), hash.count == 60 else {
                return .failure(UsersFileProblem(
                    message: "line \(index + 1): the password of '\(name)' is not a bcrypt hash ($2y$..., as htpasswd -B writes)"))
            }
            if users[name] != nil {
                return .failure(UsersFileProblem(message: "line \(index + 1): user '\(name)' is listed twice"))
            }
            users[name] = hash
        }
        if users.isEmpty { return .failure(UsersFileProblem(message: "\(path) lists no user")) }
        return .success(users)
    }
}
