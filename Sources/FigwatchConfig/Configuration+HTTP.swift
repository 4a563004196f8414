extension Configuration {
    /// The read-only HTTP listener (issue 23): `/metrics`, `/healthz`, `/readyz` and the dashboard.
    /// Absent from the configuration (`Configuration.http == nil`): no listener at all.
    public struct HTTP: Sendable, Hashable {
        /// Where the listener binds.
        public enum Listen: Sendable, Hashable, CustomStringConvertible {
            /// An IPv4 or IPv6 address (or `localhost`) and a port; port 0 takes a free one.
            case tcp(host: String, port: Int)
            /// A Unix domain socket at an absolute path (its file permissions decide who may connect).
            case unix(path: String)

            public var description: String {
                switch self {
                case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
                case .unix(let path): path
                }
            }

            /// Whether only this machine can connect: a loopback address or a Unix socket.
            public var isLocal: Bool {
                switch self {
                case .unix: true
                case .tcp(let host, _): host == "localhost" || (NetworkRange.loopback.contains { $0.contains(host) })
                }
            }
        }

        public var listen: Listen
        /// The htpasswd-style file of `name:bcrypt-hash` lines, when basic auth is on.
        public var usersFile: String?
        /// User name -> bcrypt hash, read from `usersFile` when the configuration was loaded.
        public var users: [String: String] = [:]
        /// Clients allowed to connect over TCP; others get 403. Default: loopback only.
        public var allowedNetworks: [NetworkRange] = NetworkRange.loopback

        public init(listen: Listen) {
            self.listen = listen
        }
    }

    /// What `check-config` prints as warnings and the daemon logs at start: allowed, but probably not meant.
    public var warnings: [String] {
        guard let http else { return [] }
        if !http.listen.isLocal && http.usersFile == nil {
            return ["http.listen \(http.listen) accepts connections beyond loopback and http.users_file is not set: anyone allowed by http.allowed_networks can read the dashboard and metrics without a password"]
        }
        return []
    }
}
