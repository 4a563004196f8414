import FigwatchCore
import Foundation

extension Figure {
    /// The `alternates` column as every backend stores it: a JSON array, `[]` when there are none
    /// (most figures, so those skip the encoder).
    public func alternatesColumn() throws -> String {
        if alternates.isEmpty { return "[]" }
        return String(decoding: try JSONEncoder().encode(alternates), as: UTF8.self)
    }
}
