// libFuzzer target: the figure extractor on arbitrary text.
import FigwatchCore
import FigwatchExtract

let extractor = FigureExtractor(entities: [
    Entity(id: "alibaba", name: "Alibaba", aliases: ["阿里巴巴", "阿里", "Alibaba"]),
    Entity(id: "anthropic", name: "Anthropic", aliases: ["Anthropic"]),
])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExtract(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let figures = extractor.figures(in: text, includeOther: true)
    let utf8 = Array(text.utf8)
    for figure in figures {
        // Offsets must point at the figure's text, whatever the input.
        let end = figure.offset + figure.text.utf8.count
        precondition(figure.offset >= 0 && end <= utf8.count, "offset out of range")
        precondition(Array(utf8[figure.offset..<end]) == Array(figure.text.utf8), "offset does not point at the text")
    }
    return 0
}
