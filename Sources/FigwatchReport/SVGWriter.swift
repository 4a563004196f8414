import FigwatchCore
/// Builds SVG text element by element, escaping every attribute and text so page content (titles,
/// sentences, URLs with `&`) can never break the document.
struct SVGWriter {
    private var out: String
    private var depth = 1

    init(width: Double, height: Double) {
        out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
            viewBox="0 0 \(Int(width)) \(Int(height))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">

            """
    }

    mutating func open(_ name: String, _ attributes: [String: String] = [:]) {
        line("<\(name)\(Self.attributes(attributes))>")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        line("</\(name)>")
    }

    mutating func element(_ name: String, _ attributes: [String: String] = [:], text: String? = nil) {
        if let text {
            line("<\(name)\(Self.attributes(attributes))>\(Self.escape(text))</\(name)>")
        } else {
            line("<\(name)\(Self.attributes(attributes))/>")
        }
    }

    mutating func text(_ text: String, x: Double, y: Double, attributes: [String: String] = [:]) {
        var all = attributes
        all["x"] = number(x)
        all["y"] = number(y)
        element("text", all, text: text)
    }

    /// Trusted markup written by this module only (marker definitions).
    mutating func raw(_ markup: String) { line(markup) }

    mutating func finish() -> String {
        out + "</svg>\n"
    }

    /// Coordinates with at most one decimal: enough for a screen, and stable in golden outputs.
    func number(_ value: Double) -> String { AxisNumbers.compactCoordinate(value) }

    private mutating func line(_ text: String) {
        out += String(repeating: "  ", count: depth) + text + "\n"
    }

    private static func attributes(_ attributes: [String: String]) -> String {
        attributes.sorted { $0.key < $1.key }.map { " \($0.key)=\"\(escape($0.value))\"" }.joined()
    }

    static func escape(_ text: String) -> String {
        // Most attribute values (coordinates, numbers, colours) have nothing to escape: skip the
        // per-character walk, which dominated a chart of thousands of points.
        if !text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default:
                // Control characters other than tab and line breaks are not allowed in XML 1.0.
                if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
                    scalar.value < 0x20, scalar != "\t", scalar != "\n", scalar != "\r"
                {
                    continue
                }
                result.append(character)
            }
        }
        return result
    }
}

extension AxisNumbers {
    static func compactCoordinate(_ value: Double) -> String {
        var text = formatFixed(value, decimals: 1)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text == "-0" ? "0" : text
    }
}
