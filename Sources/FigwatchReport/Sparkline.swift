/// A one-line chart of levels with the eight block characters ▁▂▃▄▅▆▇█.
public enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One block per value, the lowest value `▁` and the highest `█`; a flat series is all `▄`.
    public static func render(_ values: [Double]) -> String {
        guard let low = values.min(), let high = values.max() else { return "" }
        guard high > low else { return String(repeating: blocks[3], count: values.count) }
        return String(values.map { value in
            let index = Int(((value - low) / (high - low) * Double(blocks.count - 1)).rounded())
            return blocks[min(max(index, 0), blocks.count - 1)]
        })
    }
}
