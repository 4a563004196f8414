/// Response header fields in the order received, looked up case-insensitively.
public struct FetchHeaders: Sendable, Hashable, Sequence {
    public struct Field: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public private(set) var fields: [Field]

    public init(_ fields: [Field] = []) { self.fields = fields }

    /// The first value of `name` (case-insensitive), or `nil`.
    public subscript(name: String) -> String? {
        fields.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    /// Every value of `name` (case-insensitive), in order; for repeated fields such as `Set-Cookie`.
    public func values(for name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }

    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    mutating func append(name: String, value: String) { fields.append(Field(name: name, value: value)) }
    mutating func removeAll() { fields.removeAll(keepingCapacity: true) }
}

extension String {
    /// ASCII case-insensitive comparison, which is what HTTP field names need.
    func caseInsensitiveEquals(_ other: String) -> Bool {
        utf8.elementsEqual(other.utf8) { a, b in
            let folded = a | 0x20  // ASCII letters differ from their other case in this bit only
            return a == b || (folded == b | 0x20 && folded >= 0x61 && folded <= 0x7A)
        }
    }
}
