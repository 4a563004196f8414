// libFuzzer target: HTML to article text. The first byte picks a declared charset,
// the rest is the page.
import FigwatchCore
import FigwatchText

let charsets: [String?] = [nil, "utf-8", "gbk", "gb2312", "big5", "windows-1252", "shift_jis", "utf-16", "latin1", "x-unknown"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzText(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let contentType = charsets[Int(data[0]) % charsets.count].map { "text/html; charset=\($0)" }
    let extractor = ArticleExtractor()
    _ = try? extractor.article(fromHTML: bytes, contentType: contentType)
    _ = try? extractor.article(fromHTML: bytes, contentType: contentType, full: true)
    _ = try? extractor.article(fromPlainText: bytes, contentType: contentType)
    return 0
}
