#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Address ranges a fetcher refuses to connect to when `FetchOptions.blockPrivateAddresses` is on.
///
/// Checked in libcurl's open-socket callback, i.e. on each address libcurl is about to connect to after
/// its own resolution, for every redirect hop: a public name that resolves to 10.0.0.1, or a redirect
/// to `http://127.0.0.1/`, is refused the same way as a literal private URL.
package struct AddressPolicy: Sendable {
    /// One refused CIDR range.
    package struct Range: Sendable {
        /// 4 bytes for IPv4, 16 for IPv6, network order.
        let network: [UInt8]
        let prefixLength: Int

        /// `10.0.0.0/8`, `fc00::/7`; nil when it does not parse.
        package init?(_ cidr: String) {
            let parts = cidr.split(separator: "/", maxSplits: 1)
            guard let address = IPAddress(String(parts[0])) else { return nil }
            let maxLength = address.bytes.count * 8
            let length = parts.count == 2 ? Int(parts[1]) : maxLength
            guard let length, (0...maxLength).contains(length) else { return nil }
            network = address.bytes
            prefixLength = length
        }

        func contains(_ bytes: [UInt8]) -> Bool {
            guard bytes.count == network.count else { return false }
            var remaining = prefixLength
            for (a, b) in zip(bytes, network) where remaining > 0 {
                let bits = min(8, remaining)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
                if a & mask != b & mask { return false }
                remaining -= bits
            }
            return true
        }
    }

    package var refused: [Range]

    /// Refuses exactly `cidrs`; ranges that do not parse are a programming error.
    package init(refusing cidrs: [String]) {
        refused = cidrs.map { cidr in
            guard let range = Range(cidr) else { preconditionFailure("bad CIDR range \(cidr)") }
            return range
        }
    }

    /// Loopback, RFC 1918, link-local, CGNAT, unspecified, multicast and broadcast; IPv6 loopback,
    /// unspecified, unique-local, link-local, site-local, multicast and every v4-mapped address.
    package static let privateNetworks = AddressPolicy(refusing: [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.168.0.0/16", "224.0.0.0/4", "240.0.0.0/4",
        "::/128", "::1/128", "::ffff:0:0/96", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
    ])

    /// Whether `address` falls in a refused range. An IPv4-mapped IPv6 address is also judged by the
    /// IPv4 address inside it, so a narrower policy without `::ffff:0:0/96` still catches it.
    package func refuses(_ address: IPAddress) -> Bool {
        if refused.contains(where: { $0.contains(address.bytes) }) { return true }
        if let mapped = address.mappedIPv4 { return refused.contains { $0.contains(mapped) } }
        return false
    }
}

/// An IPv4 or IPv6 address as bytes in network order.
package struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    package let bytes: [UInt8]

    package init?(_ text: String) {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            bytes = withUnsafeBytes(of: &v6) { Array($0) }
            return
        }
        return nil
    }

    /// The address inside a `sockaddr` of family AF_INET or AF_INET6; nil for other families.
    init?(socketAddress: UnsafePointer<sockaddr>) {
        switch Int32(socketAddress.pointee.sa_family) {
        case AF_INET:
            var address = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
            bytes = withUnsafeBytes(of: &address) { Array($0) }
        case AF_INET6:
            var address = socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
            bytes = withUnsafeBytes(of: &address) { Array($0) }
        default:
            return nil
        }
    }

    /// `a.b.c.d` of `::ffff:a.b.c.d`, else nil.
    var mappedIPv4: [UInt8]? {
        guard bytes.count == 16, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF
        else { return nil }
        return Array(bytes[12..<16])
    }

    package var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        let ok = bytes.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)) != nil
        }
        guard ok else { return "?" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
