/// Bag-of-tokens F1 between extracted and expected article text, the measure extraction
/// benchmarks use: words for alphabetic scripts, each Han or kana character one token.
enum TokenF1 {
    static func tokens(_ text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        var word = ""
        func flush() {
            if !word.isEmpty { counts[word.lowercased(), default: 0] += 1 }
            word = ""
        }
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF:
                flush()
                counts[String(scalar), default: 0] += 1
            default:
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    word.unicodeScalars.append(scalar)
                } else {
                    flush()
                }
            }
        }
        flush()
        return counts
    }

    static func score(extracted: String, expected: String) -> Double {
        let got = tokens(extracted)
        let want = tokens(expected)
        let common = got.reduce(0) { $0 + min($1.value, want[$1.key] ?? 0) }
        let gotTotal = got.values.reduce(0, +)
        let wantTotal = want.values.reduce(0, +)
        guard common > 0, gotTotal > 0, wantTotal > 0 else { return 0 }
        let precision = Double(common) / Double(gotTotal)
        let recall = Double(common) / Double(wantTotal)
        return 2 * precision * recall / (precision + recall)
    }
}
