// libFuzzer target: the RSS/Atom/RDF feed parser, and listing links.
import FigwatchText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFeed(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let feed = try? FeedParser.parse(bytes, baseURL: "https://example.com/feed.xml") {
        precondition(feed.items.allSatisfy { $0.link.hasPrefix("http://") || $0.link.hasPrefix("https://") }, "non-http link")
    }
    _ = try? LinkExtractor.links(fromHTML: bytes, contentType: nil, xpath: "//a/@href", baseURL: "https://example.com/")
    return 0
}
