import FigwatchCore

/// A page's figures as the writer binds them, prepared by the appending task.
///
/// Every text column of every figure is laid end to end in one buffer, so the writer binds each text
/// where it lies (`RawStatement.bindInPlace`) instead of SQLite copying it into the statement: with
/// twelve texts per figure those copies were a tenth of the writer's time. The JSON of alternates, the
/// decimal strings and the sort key are made here too, so the writer does none of that work.
struct StoredFigures: Sendable {
    /// The text columns of `observations`, in the order they are laid out for each figure.
    enum Column: Int, CaseIterable {
        case entity, entityText, value, valueKey, currency, alternates, amountText, sentence, lang
    }

    /// `Column.allCases.count`, once (`allCases` builds an array on every call).
    static let columnsPerFigure = Column.allCases.count

    let figures: [Figure]
    private var bytes: [UInt8] = []
    /// `columnsPerFigure` ranges per figure; nil for NULL.
    private var ranges: [Range<Int>?] = []

    init(_ figures: [Figure]) throws {
        self.figures = figures
        ranges.reserveCapacity(figures.count * Self.columnsPerFigure)
        for figure in figures {
            // Key columns hold '' for an absent entity or currency (v6); the others may be NULL.
            add(figure.entity ?? "")
            add(figure.entityText)
            add(figure.value.description)
            add(DecimalSortKey.key(figure.value))
            add(figure.currency ?? "")
            add(try figure.alternatesColumn())
            add(figure.text)
            add(figure.sentence)
            add(figure.lang)
        }
    }

    var count: Int { figures.count }

    private mutating func add(_ text: String?) {
        guard let text else {
            ranges.append(nil)
            return
        }
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        ranges.append(start..<bytes.count)
    }

    /// Calls `body` with the texts in place; what it gives out is valid during `body` only.
    func withTexts<T>(_ body: (Texts) throws -> T) rethrows -> T {
        try bytes.withUnsafeBufferPointer { all in try body(Texts(all: all, ranges: ranges)) }
    }

    struct Texts {
        fileprivate let all: UnsafeBufferPointer<UInt8>
        fileprivate let ranges: [Range<Int>?]

        /// The bytes of `column` for figure `index`; nil for NULL.
        func callAsFunction(_ column: Column, of index: Int) -> UnsafeBufferPointer<UInt8>? {
            ranges[index * StoredFigures.columnsPerFigure + column.rawValue].map {
                UnsafeBufferPointer(rebasing: all[$0])
            }
        }
    }
}
