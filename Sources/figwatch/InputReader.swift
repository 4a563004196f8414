import FigwatchCore
import FigwatchFetch
import Foundation

/// One input of `figwatch text` / `figwatch extract`: a file, `-` or an http(s) URL,
/// read into bytes exactly as the daemon would see them.
struct Input {
    var name: String
    var bytes: [UInt8]
    /// The HTTP `Content-Type`, for URLs.
    var contentType: String?
    /// True for plain text (a `.txt` file, or `--text`), false for HTML.
    var isPlainText: Bool
}

enum InputReader {
    static func read(_ argument: String, forceText: Bool, fetchOptions: FetchOptions) async throws -> Input {
        let lower = argument.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            let fetcher = try CurlFetcher(options: fetchOptions)
            defer { fetcher.shutdown() }
            let response = try await fetcher.fetch(FetchRequest(url: argument))
            guard (200..<300).contains(response.status) else {
                throw CLIError.runtime("GET \(argument) returned HTTP \(response.status)")
            }
            let mime = response.contentType?.lowercased() ?? ""
            return Input(
                name: argument, bytes: response.body, contentType: response.contentType,
                isPlainText: forceText || mime.hasPrefix("text/plain"))
        }
        if argument == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return Input(name: "-", bytes: Array(data), contentType: nil, isPlainText: forceText)
        }
        guard let data = FileManager.default.contents(atPath: argument) else {
            throw CLIError.runtime("\(argument): cannot read the file")
        }
        return Input(
            name: argument, bytes: Array(data), contentType: nil,
            isPlainText: forceText || argument.lowercased().hasSuffix(".txt"))
    }
}
