/// Rows of the series query copied out of SQLite, a batch at a time: each row's numbers, and its texts
/// laid end to end in one buffer.
///
/// Reading a row off SQLite and decoding it into a `SeriesPoint` (the value parsed, the sentence made a
/// `String`, the point built) cost about the same. Copying the row's bytes is a small part of either,
/// so a long series is read on the database's thread and decoded on another at the same time
/// (`SeriesDecoding`); the batch is what crosses between them.
struct SeriesRowBatch: Sendable {
    /// Rows per batch: large enough that handing a batch over costs nothing per row, small enough
    /// that the decoder starts early and a short series needs no second thread.
    static let capacity = 1024

    let columns: SeriesColumns
    /// Per row: its number columns' values, then a mask of the columns that were NULL (bit `i` for
    /// column `i` of the select list).
    private var numbers: [Int64] = []
    private var bytes: [UInt8] = []
    /// Per text column of each row: the text's end in `bytes` (it starts where the one before ends).
    private var textEnds: [Int] = []
    private(set) var count = 0

    init(columns: SeriesColumns) {
        self.columns = columns
        numbers = Array(repeating: 0, count: Self.capacity * (columns.numberCount + 1))
        textEnds = Array(repeating: 0, count: Self.capacity * columns.textCount)
        bytes.reserveCapacity(Self.capacity * 96)
    }

    var isFull: Bool { count == Self.capacity }

    /// Empties the batch for reuse, keeping its memory.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        count = 0
    }

    /// Copies the statement's current row.
    mutating func add(_ row: RawStatement) {
        // Each call through SQLite's API costs about 40 ns here, a large part of reading a row, so only
        // the calls that are needed are made.
        var nulls: Int64 = 0
        let texts = columns.textCount
        textEnds.withUnsafeMutableBufferPointer { ends in
            for column in 0..<texts {
                // The sentence may hold any character; the other texts are ours (digits, a currency code,
                // JSON, which escapes a NUL) and end at their first NUL byte.
                let index = Int32(column)
                let text = index == columns.provenance?.sentence ? row.utf8(index) : row.nulTerminatedUTF8(index)
                if let text {
                    bytes.append(contentsOf: text)
                } else {
                    nulls |= 1 << column
                }
                ends[count * texts + column] = bytes.count
            }
        }
        let stride = columns.numberCount + 1
        numbers.withUnsafeMutableBufferPointer { slots in
            let first = count * stride
            for column in Int32(texts)..<columns.total {
                slots[first + Int(column) - texts] = row.int64(column)
            }
            // Only the publication time may be NULL among the numbers (the schema says NOT NULL for
            // the others), and NULL reads as 0, so only a 0 is looked at twice.
            if let publishedAt = columns.provenance?.publishedAt, slots[first + Int(publishedAt) - texts] == 0,
                row.isNull(publishedAt)
            {
                nulls |= 1 << publishedAt
            }
            slots[first + stride - 1] = nulls
        }
        count += 1
    }

    /// The page of each row (`o.page_id`), in order: read from the copy, not from SQLite again.
    var pageIDs: [Int64] {
        let stride = columns.numberCount + 1
        let column = Int(columns.pageID) - columns.textCount
        return (0..<count).map { numbers[$0 * stride + column] }
    }

    /// Calls `body` with each row in turn; a row is valid only during its call.
    func forEachRow(_ body: (SeriesRow) throws -> Void) rethrows {
        let stride = columns.numberCount + 1
        let texts = columns.textCount
        try numbers.withUnsafeBufferPointer { numbers in
            try textEnds.withUnsafeBufferPointer { ends in
                try bytes.withUnsafeBufferPointer { bytes in
                    var start = 0
                    for index in 0..<count {
                        let row = SeriesRow(
                            numbers: UnsafeBufferPointer(rebasing: numbers[(index * stride)..<((index + 1) * stride)]),
                            ends: UnsafeBufferPointer(rebasing: ends[(index * texts)..<((index + 1) * texts)]),
                            start: start, bytes: bytes, textCount: texts)
                        try body(row)
                        start = row.ends.last ?? start
                    }
                }
            }
        }
    }
}

/// One row of a `SeriesRowBatch`, read by column of the select list (`SeriesColumns`).
struct SeriesRow {
    fileprivate let numbers: UnsafeBufferPointer<Int64>
    fileprivate let ends: UnsafeBufferPointer<Int>
    fileprivate let start: Int
    fileprivate let bytes: UnsafeBufferPointer<UInt8>
    fileprivate let textCount: Int

    private var nulls: Int64 { numbers[numbers.count - 1] }

    /// The value of a number column (0 for NULL).
    func int64(_ column: Int32) -> Int64 {
        numbers[Int(column) - textCount]
    }

    func optionalInt64(_ column: Int32) -> Int64? {
        nulls & (1 << column) != 0 ? nil : int64(column)
    }

    /// The text of a text column, or nil for NULL.
    func utf8(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard nulls & (1 << column) == 0 else { return nil }
        let text = Int(column)
        let from = text == 0 ? start : ends[text - 1]
        return UnsafeBufferPointer(rebasing: bytes[from..<ends[text]])
    }

    func string(_ column: Int32) -> String? {
        utf8(column).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// The series query's columns, by position: the texts first, then the numbers (from v7 the bound is a
/// code, see `FigureCodes`), then the metric, the kind and the status (v8) when the query does not fix them.
///
/// A summary (`SeriesDetail.summary`) asks for seven columns, with provenance twelve: SQLite extracts
/// every column of the list for every row (in C, 100,000 rows of the benchmark's store took 16 ms with
/// one column, 43 ms with the seven and 60 ms with the twelve).
struct SeriesColumns: Sendable {
    // Always there, at fixed places.
    static let value: Int32 = 0, currency: Int32 = 1
    let id: Int32, time: Int32, hostCount: Int32, pageID: Int32, bound: Int32, currencyInferred: Int32
    /// Where the provenance's columns are, when asked for.
    let provenance: ProvenanceColumns?
    let metric: Int32?
    let kind: Int32?
    let status: Int32?
    let selectList: String
    /// Columns in the select list, and how many of them are texts.
    let total: Int32
    let textCount: Int
    var numberCount: Int { Int(total) - textCount }

    struct ProvenanceColumns: Sendable {
        let alternates: Int32, sentence: Int32, publishedAt: Int32, observedAt: Int32, offset: Int32
    }

    init(metricFixed: Bool, kindFixed: Bool, statusFixed: Bool, detail: SeriesDetail) {
        var list = ["o.value", "o.currency"]
        func add(_ column: String) -> Int32 {
            list.append(column)
            return Int32(list.count - 1)
        }
        let withProvenance = detail == .withProvenance
        let alternates = withProvenance ? add("o.alternates") : 0
        let sentence = withProvenance ? add("o.sentence") : 0
        textCount = list.count
        id = add("o.id")
        time = add("o.time")
        hostCount = add("o.host_count")
        pageID = add("o.page_id")
        bound = add("o.bound")
        currencyInferred = add("o.currency_inferred")
        provenance = withProvenance
            ? ProvenanceColumns(
                alternates: alternates, sentence: sentence, publishedAt: add("o.published_at"),
                observedAt: add("o.observed_at"), offset: add(#"o."offset""#))
            : nil
        metric = metricFixed ? nil : add("o.metric")
        kind = kindFixed ? nil : add("o.kind")
        status = statusFixed ? nil : add("o.status")
        selectList = list.joined(separator: ", ")
        total = Int32(list.count)
    }
}
