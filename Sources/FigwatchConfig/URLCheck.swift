import Foundation

/// What is wrong with a URL in the configuration, if anything.
enum URLCheck {
    static func problem(_ text: String, allowFile: Bool) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            return "'\(text)' is not a URL"
        }
        switch scheme {
        case "http", "https":
            guard let host = components.host, !host.isEmpty else { return "'\(text)' has no host" }
            return nil
        case "file":
            return allowFile ? nil : "'\(text)': file URLs need fetch.allow_file_urls: true"
        default:
            return "'\(text)': only http and https URLs are fetched, not \(scheme)"
        }
    }

    /// `file:demo/page.html` (a relative path) becomes an absolute `file://` URL
    /// taken from the config file's folder, so a bundled demo works wherever it is cloned.
    static func resolvingRelativeFile(_ text: String, directory: String) -> String {
        guard text.hasPrefix("file:"), !text.hasPrefix("file:/") else { return text }
        let relative = String(text.dropFirst("file:".count))
        let base = directory.isEmpty ? FileManager.default.currentDirectoryPath : directory
        let absolute = base.hasPrefix("/") ? base : FileManager.default.currentDirectoryPath + "/" + base
        return URL(fileURLWithPath: absolute + "/" + relative).standardizedFileURL.absoluteString
    }
}
