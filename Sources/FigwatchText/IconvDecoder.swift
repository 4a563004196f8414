#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A conversion from one charset to UTF-8 through the C library's `iconv`.
///
/// glibc's iconv stops at the first byte it cannot convert; this type carries on:
/// it offers the offending bytes to an optional second charset (Big5-HKSCS misses a
/// few CP950 code points that real Big5 pages use) and otherwise writes U+FFFD and
/// counts the replacement. A handle is not thread-safe, so each decode makes its own.
final class IconvDecoder {
    private let handle: iconv_t
    let charset: String

    /// Opens `charset` -> UTF-8, or returns `nil` when iconv does not know the name.
    init?(from charset: String) {
        let opened = iconv_open("UTF-8", charset)
        guard let opened, opened != iconv_t(bitPattern: -1) else { return nil }
        handle = opened
        self.charset = charset
    }

    deinit { iconv_close(handle) }

    /// Whether iconv knows `charset` (as a source charset converting to UTF-8).
    static func knows(_ charset: String) -> Bool {
        IconvDecoder(from: charset) != nil
    }

    /// Converts all of `input`; undecodable bytes become U+FFFD unless `fallback` reads them.
    func decode(
        _ input: UnsafeBufferPointer<UInt8>, fallback: IconvDecoder? = nil
    ) -> (utf8: [UInt8], replaced: Int) {
        var out = [UInt8]()
        out.reserveCapacity(input.count * 3 / 2 + 16)
        var replaced = 0
        guard let base = input.baseAddress, input.count > 0 else { return (out, 0) }
        let chunkSize = 1 << 16
        let chunk = UnsafeMutablePointer<CChar>.allocate(capacity: chunkSize)
        defer { chunk.deallocate() }

        var inPointer = UnsafeMutablePointer(mutating: UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self))
        var inLeft = input.count
        while true {
            var outPointer: UnsafeMutablePointer<CChar>? = chunk
            var outLeft = chunkSize
            var inOptional: UnsafeMutablePointer<CChar>? = inPointer
            let result = iconv(handle, &inOptional, &inLeft, &outPointer, &outLeft)
            let failure = result == -1 ? errno : 0
            inPointer = inOptional!
            chunk.withMemoryRebound(to: UInt8.self, capacity: chunkSize) {
                out.append(contentsOf: UnsafeBufferPointer(start: $0, count: chunkSize - outLeft))
            }
            if result != -1 {
                break
            }
            switch failure {
            case E2BIG:
                continue
            case EILSEQ, EINVAL:
                // Invalid sequence (or one cut off by the end of input): try the fallback
                // charset on the next two bytes, then on one, else replace one byte.
                let offset = input.count - inLeft
                if let fallback, inLeft > 0,
                    let (used, utf8) = fallback.convertOne(UnsafeBufferPointer(rebasing: input[offset...]))
                {
                    out.append(contentsOf: utf8)
                    inPointer += used
                    inLeft -= used
                } else {
                    out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    replaced += 1
                    let skip = failure == EINVAL ? inLeft : 1
                    inPointer += skip
                    inLeft -= skip
                }
                _ = iconv(handle, nil, nil, nil, nil)  // back to the initial shift state
                if inLeft == 0 { break }
            default:
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                replaced += 1
                inLeft = 0
            }
            if inLeft == 0 { break }
        }
        return (out, replaced)
    }

    /// Converts the one character at the start of `input` (two bytes, else one), if it can.
    private func convertOne(_ input: UnsafeBufferPointer<UInt8>) -> (Int, [UInt8])? {
        for length in [2, 1] where length <= input.count {
            _ = iconv(handle, nil, nil, nil, nil)
            var source = Array(input[0..<length]).map { CChar(bitPattern: $0) }
            var target = [CChar](repeating: 0, count: 16)
            let converted: Int? = source.withUnsafeMutableBufferPointer { src in
                target.withUnsafeMutableBufferPointer { dst in
                    var inP: UnsafeMutablePointer<CChar>? = src.baseAddress
                    var inLeft = length
                    var outP: UnsafeMutablePointer<CChar>? = dst.baseAddress
                    var outLeft = dst.count
                    let result = iconv(handle, &inP, &inLeft, &outP, &outLeft)
                    guard result != -1, inLeft == 0 else { return nil }
                    return dst.count - outLeft
                }
            }
            if let converted, converted > 0 {
                return (length, target[0..<converted].map { UInt8(bitPattern: $0) })
            }
        }
        return nil
    }
}
