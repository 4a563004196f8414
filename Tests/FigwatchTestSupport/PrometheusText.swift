/// A strict parser of the Prometheus text exposition format 0.0.4, for tests of `/metrics`.
///
/// Strict where scrapers are: every line is `# HELP`, `# TYPE`, another comment, or a sample; names and
/// label names match the format's character sets; label values use only the escapes `\\`, `\"` and
/// `\n`; a family has at most one TYPE, given before its samples, and its samples are contiguous; sample
/// names fit the family's type (`_bucket`/`_sum`/`_count` for histograms, with `le` on every bucket,
/// buckets cumulative and ending at `+Inf` equal to `_count`); no sample is repeated; the text ends with
/// a newline.
public struct PrometheusText: Sendable {
    public struct Sample: Sendable, Hashable {
        public var name: String
        public var labels: [String: String]
        public var value: Double
    }

    public struct Family: Sendable {
        public var name: String
        public var type: String
        public var help: String?
        public var samples: [Sample]
    }

    public struct ParseError: Error, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public private(set) var families: [String: Family] = [:]

    public init(_ text: String) throws {
        guard text.isEmpty || text.hasSuffix("\n") else { throw ParseError(line: 0, message: "the text does not end with a newline") }
        var order: [String] = []
        var current: String?
        var closed: Set<String> = []
        var seen: Set<String> = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().enumerated() {
            let number = index + 1
            func fail(_ message: String) -> ParseError { ParseError(line: number, message: "\(message): \(line)") }
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
                guard parts.count >= 3, parts[0] == "#", parts[1] == "HELP" || parts[1] == "TYPE" else { continue }
                let name = String(parts[2])
                guard Self.isMetricName(name) else { throw fail("bad metric name") }
                if current != name, let current { closed.insert(current) }
                guard !closed.contains(name) else { throw fail("family \(name) is not contiguous") }
                var family = families[name] ?? Family(name: name, type: "untyped", help: nil, samples: [])
                if families[name] == nil { order.append(name) }
                if parts[1] == "TYPE" {
                    guard parts.count == 4, ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3]) else {
                        throw fail("bad TYPE")
                    }
                    guard family.samples.isEmpty, family.type == "untyped" else { throw fail("TYPE after samples or twice") }
                    family.type = String(parts[3])
                } else {
                    guard family.help == nil else { throw fail("HELP twice") }
                    family.help = parts.count == 4 ? String(parts[3]) : ""
                }
                families[name] = family
                current = name
                continue
            }
            let sample = try Self.sample(String(line), line: number)
            let family = Self.familyName(of: sample.name, known: families)
            if current != family, let current { closed.insert(current) }
            guard !closed.contains(family) else { throw fail("family \(family) is not contiguous") }
            let key = sample.name + "{" + sample.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            guard seen.insert(key).inserted else { throw fail("sample repeated") }
            if families[family] == nil {
                order.append(family)
                families[family] = Family(name: family, type: "untyped", help: nil, samples: [])
            }
            families[family]!.samples.append(sample)
            current = family
        }
        for name in order { try Self.check(families[name]!) }
    }

    /// The value of the sample `name` with exactly `labels`, if present.
    public func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        for family in families.values {
            if let sample = family.samples.first(where: { $0.name == name && $0.labels == labels }) { return sample.value }
        }
        return nil
    }

    static func familyName(of sample: String, known: [String: Family]) -> String {
        for suffix in ["_bucket", "_sum", "_count"] where sample.hasSuffix(suffix) {
            let base = String(sample.dropLast(suffix.count))
            if let family = known[base], family.type == "histogram" || family.type == "summary" { return base }
        }
        return sample
    }

    static func check(_ family: Family) throws {
        func fail(_ message: String) -> ParseError { ParseError(line: 0, message: "\(family.name): \(message)") }
        switch family.type {
        case "counter":
            for sample in family.samples where sample.value < 0 || sample.name != family.name {
                throw fail("bad counter sample \(sample.name) \(sample.value)")
            }
        case "gauge", "untyped":
            for sample in family.samples where sample.name != family.name { throw fail("bad sample name \(sample.name)") }
        case "histogram":
            var series: [[String: String]: [(le: Double, value: Double)]] = [:]
            var counts: [[String: String]: Double] = [:]
            for sample in family.samples {
                var base = sample.labels
                switch sample.name {
                case family.name + "_bucket":
                    guard let le = base.removeValue(forKey: "le"), let bound = Self.number(le) else { throw fail("bucket without le") }
                    series[base, default: []].append((bound, sample.value))
                case family.name + "_count": counts[base] = sample.value
                case family.name + "_sum": break
                default: throw fail("bad histogram sample \(sample.name)")
                }
            }
            for (labels, buckets) in series {
                guard buckets.map(\.le) == buckets.map(\.le).sorted(), buckets.last?.le == .infinity else {
                    throw fail("buckets not in order or no +Inf bucket")
                }
                guard zip(buckets, buckets.dropFirst()).allSatisfy({ $0.value <= $1.value }) else { throw fail("buckets not cumulative") }
                guard counts[labels] == buckets.last?.value else { throw fail("+Inf bucket differs from _count") }
            }
        default: break
        }
    }

    static func sample(_ line: String, line number: Int) throws -> Sample {
        func fail(_ message: String) -> ParseError { ParseError(line: number, message: "\(message): \(line)") }
        let chars = Array(line)
        var i = 0
        while i < chars.count, chars[i] != "{", chars[i] != " " { i += 1 }
        let name = String(chars[0..<i])
        guard isMetricName(name) else { throw fail("bad metric name") }
        var labels: [String: String] = [:]
        if i < chars.count, chars[i] == "{" {
            i += 1
            while true {
                guard i < chars.count else { throw fail("unterminated labels") }
                if chars[i] == "}" { i += 1; break }
                var j = i
                while j < chars.count, chars[j] != "=" { j += 1 }
                let label = String(chars[i..<j])
                guard isLabelName(label), j + 1 < chars.count, chars[j + 1] == "\"" else { throw fail("bad label") }
                i = j + 2
                var value = ""
                while true {
                    guard i < chars.count else { throw fail("unterminated label value") }
                    let c = chars[i]
                    if c == "\"" { i += 1; break }
                    if c == "\\" {
                        guard i + 1 < chars.count else { throw fail("bad escape") }
                        switch chars[i + 1] {
                        case "\\": value.append("\\")
                        case "\"": value.append("\"")
                        case "n": value.append("\n")
                        default: throw fail("bad escape")
                        }
                        i += 2
                        continue
                    }
                    value.append(c)
                    i += 1
                }
                guard labels.updateValue(value, forKey: label) == nil else { throw fail("label repeated") }
                if i < chars.count, chars[i] == "," { i += 1 }
            }
        }
        guard i < chars.count, chars[i] == " " else { throw fail("no value") }
        let rest = String(chars[(i + 1)...]).split(separator: " ", omittingEmptySubsequences: false)
        guard (1...2).contains(rest.count), let value = Self.number(String(rest[0])) else { throw fail("bad value") }
        if rest.count == 2, Int64(rest[1]) == nil { throw fail("bad timestamp") }
        return Sample(name: name, labels: labels, value: value)
    }

    static func number(_ text: String) -> Double? {
        switch text {
        case "+Inf": return .infinity
        case "-Inf": return -.infinity
        case "NaN": return .nan
        default:
            guard text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else { return nil }
            return Double(text)
        }
    }

    static func isMetricName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_" || first == ":" else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" || $0 == ":" }
    }

    static func isLabelName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" }
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
