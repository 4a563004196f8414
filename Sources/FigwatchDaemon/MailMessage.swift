import Foundation

/// An RFC 5322 message in UTF-8: headers with non-ASCII text as RFC 2047 encoded words, the body as
/// quoted-printable `text/plain; charset=utf-8`, lines ending in CRLF as SMTP's DATA wants them.
struct MailMessage: Sendable, Hashable {
    var from: String
    var to: [String]
    var subject: String
    var body: String
    /// UTC epoch milliseconds.
    var date: Int64
    var messageID: String

    var rendered: String {
        var lines = [
            "Date: \(Self.rfc5322Date(date))",
            "From: \(from)",
            "To: \(to.joined(separator: ", "))",
            "Subject: \(Self.encodedWords(subject))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "Auto-Submitted: auto-generated",
            "",
        ]
        lines.append(Self.quotedPrintable(body))
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 2047: ASCII text as it is; otherwise `=?UTF-8?B?...?=` words of at most 75 characters, each
    /// holding whole characters (a Chinese character is never split between two words).
    static func encodedWords(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            // 45 bytes of UTF-8 encode to 60 base64 characters: with `=?UTF-8?B?` and `?=`, 72 in all.
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: "\r\n ")
    }

    /// RFC 2045 quoted-printable, CRLF line ends, soft breaks before 76 characters, never inside a
    /// UTF-8 sequence's `=XX` triplet.
    static func quotedPrintable(_ text: String) -> String {
        var out: [String] = []
        for line in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            var current = ""
            let bytes = Array(line.utf8)
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                var piece: String
                if (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || (byte == UInt8(ascii: " ") && !isLast) {
                    piece = String(UnicodeScalar(byte))
                } else {
                    piece = String(format: "=%02X", byte)
                }
                // A line starting with "." would be taken as SMTP's end of data by a careless server.
                if current.isEmpty && piece == "." { piece = "=2E" }
                if current.count + piece.count > 75 {
                    out.append(current + "=")
                    current = ""
                }
                current += piece
            }
            out.append(current)
        }
        return out.joined(separator: "\r\n")
    }

    static func rfc5322Date(_ milliseconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }
}
