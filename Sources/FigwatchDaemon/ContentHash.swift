/// A 128-bit digest of a page body: two independent FNV-1a lanes, hex-encoded.
///
/// It only tells "same bytes as last time" so an unchanged page is not parsed again;
/// no adversary gains anything by colliding it (the worst case is one skipped parse of
/// a page whose author wanted it skipped), so a cryptographic hash and its dependency
/// are not needed.
enum ContentHash {
    static func hex(_ bytes: [UInt8]) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x6c62_272e_07bb_0142
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 &+ 0x9e37_79b9
        }
        b ^= UInt64(bytes.count)
        return hexString(a) + hexString(b)
    }

    private static func hexString(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
