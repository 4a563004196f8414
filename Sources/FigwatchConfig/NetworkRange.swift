import Foundation

/// An IPv4 or IPv6 network in CIDR notation (`10.0.0.0/8`, `fd00::/8`, or one address), as
/// `http.allowed_networks` lists them.
public struct NetworkRange: Sendable, Hashable, CustomStringConvertible {
    /// The network's address bytes (4 or 16) with the host bits cleared.
    public let bytes: [UInt8]
    public let prefixLength: Int

    public static let loopback = [NetworkRange("127.0.0.0/8")!, NetworkRange("::1/128")!]

    /// Parses `ADDRESS[/PREFIX]`; nil when either part is not valid.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = Self.addressBytes(String(parts[0])) else { return nil }
        let bits = address.count * 8
        var length = bits
        if parts.count == 2 {
            guard let n = Int(parts[1]), (0...bits).contains(n), parts[1].allSatisfy(\.isASCII) else { return nil }
            length = n
        }
        bytes = Self.masked(address, prefixLength: length)
        prefixLength = length
    }

    /// Whether `address` (textual, IPv4, IPv6, or IPv4-mapped IPv6) lies in this network.
    public func contains(_ address: String) -> Bool {
        guard var candidate = Self.addressBytes(address) else { return false }
        if candidate.count == 16 && bytes.count == 4 && candidate[0..<12] == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff] {
            candidate = Array(candidate[12...])  // ::ffff:127.0.0.1 is 127.0.0.1
        }
        guard candidate.count == bytes.count else { return false }
        return Self.masked(candidate, prefixLength: prefixLength) == bytes
    }

    public var description: String {
        var text = [UInt8](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        _ = bytes.withUnsafeBytes { source in
            text.withUnsafeMutableBufferPointer { out in
                out.baseAddress!.withMemoryRebound(to: CChar.self, capacity: out.count) {
                    inet_ntop(family, source.baseAddress, $0, socklen_t(out.count))
                }
            }
        }
        return String(decoding: text.prefix { $0 != 0 }, as: UTF8.self) + "/\(prefixLength)"
    }

    /// 4 bytes for IPv4, 16 for IPv6 (brackets and a zone are not accepted), nil otherwise.
    static func addressBytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }

    static func masked(_ address: [UInt8], prefixLength: Int) -> [UInt8] {
        address.enumerated().map { index, byte in
            let kept = min(max(prefixLength - index * 8, 0), 8)
            return kept == 8 ? byte : byte & UInt8(truncatingIfNeeded: 0xff << (8 - kept))
        }
    }
}
