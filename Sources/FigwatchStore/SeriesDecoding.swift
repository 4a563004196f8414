import Dispatch
import FigwatchCore
import Foundation

/// Decodes a series' rows into points on a thread of its own while the database's thread reads the
/// next rows: the two halves of a long series query, run at the same time (see `SeriesRowBatch`).
///
/// The reader `put`s batches as it fills them and ends with `finish()`, which waits for the decoder
/// and returns its points in the order the rows came. If a row cannot be decoded, the decoder stops,
/// `put` returns false from then on so the reader can stop too, and `finish()` throws that error.
/// Every path ends in `finish()`, so the decoding thread never outlives the query.
final class SeriesDecoding: @unchecked Sendable {
    // @unchecked: every stored property below is read and written only with `condition` locked.

    /// Batches read but not yet decoded, at most: enough to keep the decoder busy, few enough that a
    /// reader far ahead waits instead of holding the whole series twice.
    static let depth = 4

    private let condition = NSCondition()
    private var waiting: [SeriesRowBatch] = []
    private var ended = false
    private var failed = false
    private var result: Result<DecodedSeries, any Error>?
    /// Batches decoded, for the reader to fill again: their memory is reused, not freed on this
    /// thread and allocated anew (and paged in) on the other.
    private var emptied: [SeriesRowBatch] = []

    /// Starts decoding on a thread of its own (not the Swift concurrency pool, which the decoding
    /// would hold for the length of the query): `decode` adds one batch's points, in row order, and
    /// `complete` runs once the last batch is in.
    init(
        decode: @escaping @Sendable (SeriesRowBatch, inout DecodedSeries) throws -> Void,
        complete: @escaping @Sendable (inout DecodedSeries) -> Void
    ) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            conclude(Result { try decodeAll(decode, complete) })
        }
    }

    private func decodeAll(
        _ decode: (SeriesRowBatch, inout DecodedSeries) throws -> Void, _ complete: (inout DecodedSeries) -> Void
    ) throws -> DecodedSeries {
        var decoded = DecodedSeries()
        while let batch = take() {
            try decode(batch, &decoded)
            giveBack(consume batch)
        }
        complete(&decoded)
        return decoded
    }

    /// Hands a batch to the decoder, waiting while `depth` batches already wait. False when the
    /// decoder has stopped on an error: reading on would be wasted, `finish()` tells why.
    func put(_ batch: SeriesRowBatch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while waiting.count >= Self.depth && !failed {
            condition.wait()
        }
        guard !failed else { return false }
        waiting.append(batch)
        condition.broadcast()
        return true
    }

    /// Tells the decoder no batch follows and waits for it: the points of every batch put, or the
    /// error that stopped it. With `discard`, the batches still waiting are dropped instead (the
    /// reader failed and their points will not be used).
    func finish(discard: Bool = false) throws -> DecodedSeries {
        condition.lock()
        defer { condition.unlock() }
        ended = true
        if discard { waiting.removeAll() }
        condition.broadcast()
        while result == nil {
            condition.wait()
        }
        // Taken out, not copied: a copy left here would make the caller's first change to the points
        // copy all of them.
        let outcome = result!
        result = .success(DecodedSeries())
        return try outcome.get()
    }

    /// An emptied batch to fill again, if the decoder has one to give back.
    func reusableBatch() -> SeriesRowBatch? {
        condition.lock()
        defer { condition.unlock() }
        guard var batch = emptied.popLast() else { return nil }
        batch.removeAll()
        return batch
    }

    private func giveBack(_ batch: consuming SeriesRowBatch) {
        condition.lock()
        defer { condition.unlock() }
        if emptied.count < Self.depth { emptied.append(batch) }
    }

    /// The next batch to decode, waiting for the reader; nil once it has ended and none is left.
    private func take() -> SeriesRowBatch? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !ended {
            condition.wait()
        }
        guard !waiting.isEmpty else { return nil }
        let batch = waiting.removeFirst()
        condition.broadcast()
        return batch
    }

    /// Consuming, so that no reference to the points stays on this thread once the reader has them:
    /// one would make the reader's first change to them copy them all.
    private func conclude(_ outcome: consuming Result<DecodedSeries, any Error>) {
        condition.lock()
        defer { condition.unlock() }
        if case .failure = outcome { failed = true }
        result = consume outcome
        waiting.removeAll()
        condition.broadcast()
    }
}

/// A series decoded: its points, and the page each was first read from (the URLs are the reader's
/// to fill in), in the same order.
struct DecodedSeries: Sendable {
    var points: [SeriesPoint] = []
    var pageIDs: [Int64] = []
}
