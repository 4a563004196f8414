import Foundation

/// Durations as libcurl takes them and as error messages print them.
extension Duration {
    /// Whole milliseconds, at least 1 (libcurl reads 0 as "no limit").
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }

    /// Whole seconds, at least 1, for the options libcurl only takes in seconds.
    var curlSeconds: Int { max(1, Int(components.seconds)) }

    /// `30 s`, `1.5 s`, `0.25 s`: how durations read in error messages.
    var messageText: String {
        let ms = Double(curlMilliseconds) / 1000
        if ms == ms.rounded() { return "\(Int(ms)) s" }
        var text = String(format: "%.3f", ms)
        while text.hasSuffix("0") { text.removeLast() }
        return "\(text) s"
    }
}
