/// Pulls `"key": "string"` values out of JSON text without parsing the whole document.
enum JSONStrings {
    /// Every string value directly following `"key":`, in order, with JSON escapes decoded.
    static func values(forKey key: String, in json: [UInt8]) -> [String] {
        let needle = [UInt8(ascii: "\"")] + Array(key.utf8) + [UInt8(ascii: "\"")]
        var results: [String] = []
        let n = json.count, m = needle.count
        var i = 0
        while i + m <= n {
            guard json[i] == 0x22, json[i + 1] == needle[1] else {
                i += 1
                continue
            }
            var j = 2
            while j < m && json[i + j] == needle[j] { j += 1 }
            guard j == m else {
                i += 1
                continue
            }
            var k = i + m
            while k < n && isSpace(json[k]) { k += 1 }
            guard k < n, json[k] == UInt8(ascii: ":") else {
                i += m
                continue
            }
            k += 1
            while k < n && isSpace(json[k]) { k += 1 }
            guard k < n, json[k] == 0x22, let (value, end) = string(in: json, from: k + 1) else {
                i = k
                continue
            }
            results.append(value)
            i = end
        }
        return results
    }

    @inline(__always)
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    /// The JSON string starting after its opening quote at `start`: its value and the index
    /// after its closing quote, or `nil` when it never closes.
    private static func string(in json: [UInt8], from start: Int) -> (String, Int)? {
        var out: [UInt8] = []
        var k = start
        let n = json.count
        while k < n {
            let b = json[k]
            if b == 0x22 { return (String(decoding: out, as: UTF8.self), k + 1) }
            if b != 0x5C {
                out.append(b)
                k += 1
                continue
            }
            guard k + 1 < n else { return nil }
            let escape = json[k + 1]
            k += 2
            switch escape {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"), UInt8(ascii: "f"): out.append(0x20)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(json, k) else { return nil }
                k += 4
                // A surrogate pair: \\uD83D\\uDE00.
                if (0xD800...0xDBFF).contains(scalar), k + 6 <= n, json[k] == 0x5C, json[k + 1] == UInt8(ascii: "u"),
                    let low = hex4(json, k + 2), (0xDC00...0xDFFF).contains(low)
                {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    k += 6
                }
                out.append(contentsOf: Array(String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8))
            default: out.append(escape)  // \" \\ \/ and anything lenient
            }
        }
        return nil
    }

    private static func hex4(_ json: [UInt8], _ at: Int) -> UInt32? {
        guard at + 4 <= json.count else { return nil }
        var value: UInt32 = 0
        for b in json[at..<(at + 4)] {
            let digit: UInt32
            switch b {
            case 0x30...0x39: digit = UInt32(b - 0x30)
            case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }
}
