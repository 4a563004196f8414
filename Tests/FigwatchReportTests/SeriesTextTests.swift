import FigwatchCore
import Foundation
import Testing

@testable import FigwatchReport

@Suite("Series as table, CSV and JSON lines")
struct SeriesTextTests {
    @Test("sparkline maps the lowest level to ▁ and the highest to █", arguments: [
        ([1.0, 2, 3, 4, 5, 6, 7, 8], "▁▂▃▄▅▆▇█"), ([5.0, 5, 5], "▄▄▄"), ([], ""), ([3.0, 1, 2], "█▁▅"),
    ] as [([Double], String)])
    func sparkline(_ values: [Double], _ expected: String) {
        #expect(Sparkline.render(values) == expected)
    }

    @Test("table rows carry digits and words, status, sources and first URL, and end with a sparkline")
    func table() {
        let points = [
            point(1, september3, "183000000000", sources: 2, url: "https://www.163.com/a"),
            point(2, september3 + day, "-600000000000", kind: .change),
            point(3, september3 + 2 * day, "360000000000", bound: .atLeast, status: .forecast),
        ]
        let lines = SeriesTable.render(points).split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("time "))
        #expect(lines[1].contains("2025-09-03 00:00"))
        #expect(lines[1].contains("183000000000 (183 billion USD)"))
        #expect(lines[1].hasSuffix("exact     current   2        https://www.163.com/a"))
        #expect(lines[2].contains("-600000000000 (-600 billion USD)"))
        #expect(lines[3].contains("at_least  forecast  1 "))
        #expect(lines[0].contains("  bound     status    sources  "))
        #expect(lines[4] == "levels ▁█ (USD)")
        // Columns line up: every row has the URL column at the header's offset.
        let urlColumn = lines[0].range(of: "first source")!.lowerBound.utf16Offset(in: lines[0])
        #expect(lines[1...3].allSatisfy { $0.range(of: "https://")?.lowerBound.utf16Offset(in: $0) == urlColumn })
    }

    @Test("a mixed-currency sparkline says it converted")
    func tableMixed() {
        let last = SeriesTable.render(mixedSeries, rates: rates).split(separator: "\n").last.map(String.init)
        #expect(last == "levels ▁▆▆█ (USD); values in USD: HKD at 7.78 per USD, CNY at 7.13 per USD converted")
    }

    @Test("CSV reads back field for field with an RFC 4180 parser")
    func csv() throws {
        let tricky = "He said \"worth $4 trillion\", then:\nmore, on a new line"
        let points = [
            point(1, september3, "183000000000", url: "https://a.example/x?a=1,2", sentence: tricky),
            point(2, september3 + day, "0.5", nil, status: .past),
        ]
        let text = SeriesCSV.render(points)
        #expect(text.hasSuffix("\r\n"))
        let records = try RFC4180.parse(text)
        #expect(records.count == 3)
        #expect(records[0] == SeriesCSV.header)
        #expect(records[1] == [
            "2025-09-03T00:00:00Z", "market_cap", "level", "183000000000", "183 billion USD", "USD", "exact",
            "current", "1", "https://a.example/x?a=1,2", tricky,
        ])
        #expect(records[2][3] == "0.5" && records[2][5] == "" && records[2][7] == "past")
    }

    @Test("CSV is also what Python's csv module reads")
    func csvWithPython() throws {
        let python = URL(fileURLWithPath: "/usr/bin/python3")
        try #require(FileManager.default.isExecutableFile(atPath: python.path), "python3 not installed")
        let tricky = "quote \" comma , newline \n end"
        let text = SeriesCSV.render([point(1, september3, "1300000000000", "CNY", sentence: tricky)])
        let process = Process()
        process.executableURL = python
        process.arguments = ["-c", "import csv,sys,json; print(json.dumps(list(csv.reader(sys.stdin, strict=True))))"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let rows = try JSONDecoder().decode([[String]].self, from: data)
        #expect(rows.count == 2)
        #expect(rows[1][3] == "1300000000000")
        #expect(rows[1][4] == "1.3 trillion CNY")
        #expect(rows[1][7] == "current")
        #expect(rows[1][10] == tricky)
    }

    @Test("JSON lines: one object per point, exact values as strings, times in RFC 3339 UTC")
    func jsonLines() throws {
        var inferred = point(2, september3, "-0.5", status: .forecast)
        inferred.currencyInferred = true
        let text = try SeriesJSONLines.render([point(1, september3, "1300000000000", "CNY"), inferred])
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["value"] as? String == "1300000000000")
        #expect(first["time"] as? String == "2025-09-03T00:00:00Z")
        #expect(first["time_iso"] == nil)
        #expect(first["source_count"] as? Int == 1)
        #expect(first["first_source_url"] as? String == "https://www.reuters.com/markets/a")
        #expect(first["status"] as? String == "current")
        #expect(first["currency_inferred"] as? Bool == false)
        let decoded = try JSONDecoder().decode(SeriesPoint.self, from: Data(lines[1].utf8))
        #expect(decoded.value == ExactDecimal("-0.5"))
        #expect(decoded.status == .forecast)
        #expect(decoded.currencyInferred)
    }

    @Test("JSON lines: the provenance's keys sit beside the others, and are absent for a point read without it")
    func jsonLinesProvenance() throws {
        let full = point(1, september3, "1300000000000", "CNY", sentence: "Worth 1.3 trillion yuan.")
        var summary = full
        summary.provenance = nil
        let lines = try SeriesJSONLines.render([full, summary]).split(separator: "\n")
        let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects[0]["sentence"] as? String == "Worth 1.3 trillion yuan.")
        #expect(objects[0]["published_at"] as? String == "2025-09-03T00:00:00Z")
        #expect(objects[0]["observed_at"] as? String == "2025-09-03T00:01:00Z")
        #expect((objects[0]["alternates"] as? [Any])?.isEmpty == true && objects[0]["offset"] as? Int == 0)
        let provenanceKeys: Set = ["sentence", "published_at", "observed_at", "offset", "alternates"]
        #expect(provenanceKeys.isDisjoint(with: objects[1].keys), "\(objects[1].keys)")
        #expect(objects[1]["first_source_url"] as? String == full.firstSourceURL)
        // Read back, each is the point it was.
        #expect(try lines.map { try JSONDecoder().decode(SeriesPoint.self, from: Data($0.utf8)) } == [full, summary])
    }
}

/// A strict RFC 4180 reader, written for the test: quoted fields may hold commas, CRLF and doubled quotes.
enum RFC4180 {
    struct Malformed: Error {}

    static func parse(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var chars = Array(text.unicodeScalars)[...]
        var quoted = false
        var afterQuote = false
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" {
                        field.unicodeScalars.append("\"")
                        chars.removeFirst()
                    } else {
                        quoted = false
                        afterQuote = true
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                guard field.isEmpty, !afterQuote else { throw Malformed() }
                quoted = true
            case ",":
                record.append(field)
                field = ""
                afterQuote = false
            case "\r":
                guard chars.popFirst() == "\n" else { throw Malformed() }
                record.append(field)
                records.append(record)
                record = []
                field = ""
                afterQuote = false
            default:
                guard !afterQuote else { throw Malformed() }
                field.unicodeScalars.append(c)
            }
        }
        guard !quoted, field.isEmpty, record.isEmpty else { throw Malformed() }
        return records
    }
}
