import CLibXML2
import Foundation

/// The links a listing page points to, selected by the source's `follow` XPath.
///
/// The XPath may select attributes (`//a[contains(@href,'/article/')]/@href`) or elements
/// (`//div[@class='list']//a`, whose `href` is taken). Links are resolved against the
/// page's URL, kept only when http(s), and returned once each in document order.
public enum LinkExtractor {
    public static func links(fromHTML bytes: [UInt8], contentType: String?, xpath: String, baseURL: String) throws(TextError) -> [String] {
        let decoded = try CharsetDecoder.decode(bytes, contentType: contentType)
        let base = URL(string: baseURL)
        let result: Result<[String], TextError> = decoded.utf8.withUnsafeBufferPointer { buffer in
            do throws(TextError) {
                let document = try HTMLDocument(utf8: buffer)
                var seen = Set<String>()
                var links: [String] = []
                for node in try XPathQuery.nodes(xpath, in: document) {
                    let raw: String?
                    if node.pointee.type == XML_ATTRIBUTE_NODE {
                        raw = Node.textContent(node)
                    } else {
                        raw = Node.attributeString(node, "href")
                    }
                    guard let raw, let link = FeedParser.resolve(raw, against: base), seen.insert(link).inserted else { continue }
                    links.append(link)
                }
                return .success(links)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
