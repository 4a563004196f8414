/// What a byte-level pass over possibly-UTF-8 bytes found.
///
/// Deciding "is this UTF-8?" must be exact (overlongs and surrogates are invalid)
/// because a page that declares gb2312 but is valid UTF-8 reads as UTF-8, and
/// real GBK text is almost never valid UTF-8 by accident.
struct UTF8Scan: Sendable {
    /// Well-formed multi-byte sequences.
    var multiByteSequences = 0
    /// Bytes that start no well-formed sequence.
    var invalidBytes = 0

    var isValid: Bool { invalidBytes == 0 }
    var isASCII: Bool { multiByteSequences == 0 && invalidBytes == 0 }

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length = UTF8Scan.sequenceLength(bytes, at: i)
            if length == 0 {
                invalidBytes += 1
                i += 1
            } else {
                multiByteSequences += 1
                i += length
            }
        }
    }

    /// The length of the well-formed multi-byte sequence starting at `i`, or 0.
    @inline(__always)
    static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let n = bytes.count
        let b = bytes[i]
        @inline(__always) func cont(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            k < n && bytes[k] >= low && bytes[k] <= high
        }
        switch b {
        case 0xC2...0xDF:
            return cont(i + 1) ? 2 : 0
        case 0xE0:
            return cont(i + 1, 0xA0) && cont(i + 2) ? 3 : 0
        case 0xED:
            return cont(i + 1, 0x80, 0x9F) && cont(i + 2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return cont(i + 1) && cont(i + 2) ? 3 : 0
        case 0xF0:
            return cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3) ? 4 : 0
        case 0xF1...0xF3:
            return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0
        case 0xF4:
            return cont(i + 1, 0x80, 0x8F) && cont(i + 2) && cont(i + 3) ? 4 : 0
        default:
            return 0
        }
    }

    /// UTF-8 where each byte that starts no well-formed sequence is read as windows-1252.
    ///
    /// Pages stitched together from UTF-8 templates and Latin-1 content exist; reading the
    /// stray bytes as windows-1252 recovers their letters where U+FFFD would lose them.
    static func repairingLatin1(_ bytes: UnsafeBufferPointer<UInt8>) -> (utf8: [UInt8], repaired: Int) {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var repaired = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                out.append(b)
                i += 1
                continue
            }
            let length = sequenceLength(bytes, at: i)
            if length > 0 {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<(i + length)]))
                i += length
            } else {
                repaired += 1
                appendUTF8(Windows1252.scalar(b), to: &out)
                i += 1
            }
        }
        return (out, repaired)
    }

    @inline(__always)
    static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        for unit in UTF8.encode(scalar)! { out.append(unit) }
    }
}

/// windows-1252, the WHATWG reading of `iso-8859-1` and the fallback for stray bytes.
enum Windows1252 {
    private static let high: [UInt16] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    static func scalar(_ byte: UInt8) -> Unicode.Scalar {
        if byte >= 0x80 && byte < 0xA0 {
            return Unicode.Scalar(high[Int(byte - 0x80)])!
        }
        return Unicode.Scalar(byte)
    }
}
