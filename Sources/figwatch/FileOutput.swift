import Foundation

/// Writes text to stdout exactly (no added newline), for CSV and JSON-lines renderers
/// that end their own lines.
enum FileOutput {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
