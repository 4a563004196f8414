extension CharsetDecoder {
    /// The iconv name this project decodes a charset label as, or `nil` for an unknown label.
    ///
    /// Labels follow the web's reality rather than their letter (WHATWG Encoding): gb2312 and
    /// gbk pages use GBK-only characters, so every GB label decodes as GB18030, a superset;
    /// big5 pages use HKSCS and CP950 extensions; iso-8859-1 and us-ascii mean windows-1252.
    public static func canonicalName(_ label: String) -> String? {
        let key = label.trimmingWhitespace().lowercased()
        if let name = aliases[key] { return name }
        // iconv ignores punctuation in names; accept only name-like labels so that
        // `gbk"` is not silently taken for GBK.
        guard !key.isEmpty, key.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.:".unicodeScalars.contains($0)) })
        else { return nil }
        let upper = key.uppercased()
        return IconvDecoder.knows(upper) ? upper : nil
    }

    private static let aliases: [String: String] = {
        var table: [String: String] = [:]
        let groups: [(String, [String])] = [
            ("UTF-8", ["utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8"]),
            ("GB18030", ["gb2312", "gbk", "gb18030", "x-gbk", "cp936", "ms936", "windows-936", "euc-cn",
                         "csgb2312", "chinese", "gb_2312-80", "gb_2312", "iso-ir-58", "csiso58gb231280", "hz-gb-2312"]),
            ("BIG5-HKSCS", ["big5", "big5-hkscs", "big5hkscs", "cn-big5", "x-x-big5", "csbig5", "cp950", "ms950",
                            "windows-950", "x-big5"]),
            ("WINDOWS-1252", ["iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1", "us-ascii", "ascii",
                              "windows-1252", "cp1252", "x-cp1252", "cp819", "ibm819", "iso-ir-100", "csisolatin1"]),
            ("WINDOWS-1250", ["windows-1250", "cp1250", "x-cp1250"]),
            ("CP932", ["shift_jis", "shift-jis", "sjis", "ms_kanji", "windows-31j", "x-sjis", "csshiftjis", "ms932"]),
            ("EUC-JP", ["euc-jp", "x-euc-jp", "cseucpkdfmtjapanese"]),
            ("CP949", ["euc-kr", "ks_c_5601-1987", "windows-949", "cseuckr", "korean"]),
            ("UTF-16LE", ["utf-16", "utf-16le"]),
            ("UTF-16BE", ["utf-16be"]),
        ]
        for (name, labels) in groups {
            for label in labels { table[label] = name }
        }
        return table
    }()
}
