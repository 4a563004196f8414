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
            try refuseBinary(response.body, name: argument, contentType: mime)
            return Input(
                name: argument, bytes: response.body, contentType: response.contentType,
                isPlainText: forceText || mime.hasPrefix("text/plain"))
        }
        if let scheme = urlScheme(argument) {
            // Not a file named "ftp:" either: say what is read instead of "cannot read the file".
            throw CLIError.usage(
                "\(argument): \(scheme): URLs are not read; give an http:// or https:// URL, a file path, or - for standard input")
        }
        if argument == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            try refuseBinary(Array(data), name: "standard input", contentType: "")
            return Input(name: "-", bytes: Array(data), contentType: nil, isPlainText: forceText)
        }
        let bytes = try readFile(argument)
        try refuseBinary(bytes, name: argument, contentType: "")
        return Input(
            name: argument, bytes: bytes, contentType: nil,
            isPlainText: forceText || argument.lowercased().hasSuffix(".txt"))
    }

    /// The scheme of a `scheme://...` argument other than http(s), lower-cased.
    static func urlScheme(_ argument: String) -> String? {
        guard let colon = argument.range(of: "://") else { return nil }
        let scheme = argument[..<colon.lowerBound]
        guard let first = scheme.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII,
            scheme.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)) })
        else { return nil }
        return scheme.lowercased()
    }

    /// A file's bytes, or the system's reason in words a user recognises ("no such file").
    static func readFile(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIError.runtime("\(path): no such file")
        }
        if isDirectory.boolValue { throw CLIError.runtime("\(path): is a directory, not a file") }
        guard FileManager.default.isReadableFile(atPath: path), let data = FileManager.default.contents(atPath: path) else {
            throw CLIError.runtime("\(path): cannot read the file (permission denied)")
        }
        return Array(data)
    }

    /// Refuses what is neither text nor HTML (an image, a PDF, an archive, an executable) instead of
    /// decoding it as windows-1252 and printing noise: a NUL byte in the first 8 KiB (UTF-16 text,
    /// which has them, starts with its byte-order mark), or an HTTP type that is not text.
    static func refuseBinary(_ bytes: [UInt8], name: String, contentType: String) throws {
        let type = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let textual = type.isEmpty || type.hasPrefix("text/") || type.hasSuffix("+xml") || type.hasSuffix("/xml")
            || type == "application/xhtml+xml" || type.hasSuffix("json")
        let head = bytes.prefix(8192)
        let utf16 = head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF])
        if !textual || (!utf16 && head.contains(0)) {
            let what = type.isEmpty ? "binary data" : type
            throw CLIError.runtime("\(name): not text or HTML (\(what)); nothing to read")
        }
    }
}
