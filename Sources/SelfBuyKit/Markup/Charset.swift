import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A character encoding selfbuy can decode, named by its canonical WHATWG-style label.
///
/// Labels of the GB family (gb2312, gbk, x-gbk, cp936, gb_2312-80) all map to GB18030, their superset, as browsers do:
/// a page that declares gb2312 and then uses a GBK-only character such as 镕 still decodes exactly.
public struct Charset: Hashable, Sendable, CustomStringConvertible {
    /// The canonical name (`utf-8`, `gb18030`, `big5`, …).
    public let name: String
    /// The name iconv knows it by.
    let iconvName: String

    public static let utf8 = Charset(name: "utf-8", iconvName: "UTF-8")
    public static let gb18030 = Charset(name: "gb18030", iconvName: "GB18030")
    public static let big5 = Charset(name: "big5", iconvName: "BIG5-HKSCS")
    public static let utf16LE = Charset(name: "utf-16le", iconvName: "UTF-16LE")
    public static let utf16BE = Charset(name: "utf-16be", iconvName: "UTF-16BE")
    public static let windows1252 = Charset(name: "windows-1252", iconvName: "CP1252")
    public static let shiftJIS = Charset(name: "shift_jis", iconvName: "CP932")
    public static let eucJP = Charset(name: "euc-jp", iconvName: "EUC-JP")
    public static let eucKR = Charset(name: "euc-kr", iconvName: "CP949")

    public var description: String { name }

    /// Whether this encoding is one of the multi-byte CJK legacy encodings whose label a UTF-8 body may contradict.
    var isLegacyMultiByte: Bool {
        self == .gb18030 || self == .big5 || self == .shiftJIS || self == .eucJP || self == .eucKR
    }

    /// Resolves an encoding label as written in a header, a declaration or a feed definition.
    ///
    /// Every WHATWG label (`Charset+Labels.swift`, generated) names the encoding browsers decode it as, through
    /// iconv: windows-1251, koi8-r, euc-jp, shift_jis, euc-kr, the iso-8859 family, and so on. A label outside that
    /// list that iconv itself knows (utf-32, an EBCDIC code page) decodes too.
    ///
    /// - Returns: the charset, or nil for a label selfbuy cannot decode (callers then keep looking and say so, never
    ///   guess Latin-1).
    public init?(label: String) {
        let key = Self.trimmed(label).lowercased()
        if let known = Self.labels[key] ?? Self.aliases[key] {
            self = known
            return
        }
        guard !key.isEmpty, key.utf8.count <= 40, key.utf8.allSatisfy(Self.isLabelByte),
            Self.iconvDecodes(key.uppercased())
        else { return nil }
        self.init(name: key, iconvName: key.uppercased())
    }

    /// The WHATWG labels, read once from the generated table.
    static let labels: [String: Charset] = {
        var table: [String: Charset] = [:]
        for line in labelSource.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            guard fields.count == 3 else { continue }
            let name = String(fields[1])
            table[String(fields[0])] = Charset(name: name, iconvName: String(fields[2]))
        }
        return table
    }()

    /// Labels real Chinese pages use that WHATWG does not list; without them iconv would read some as strict GB2312.
    private static let aliases: [String: Charset] = [
        "ms936": .gb18030, "windows-936": .gb18030, "euc-cn": .gb18030, "gb-2312": .gb18030, "big5-hkscs": .big5,
        "cp936": .gb18030, "cp950": .big5, "big-5": .big5, "ucs-2": .utf16LE, "cp949": .eucKR, "cp932": .shiftJIS,
    ]

    /// The label without the spaces, line breaks and quotes around it (as `trimmingCharacters(in:)` would trim them,
    /// without making a `CharacterSet` per document).
    private static func trimmed(_ label: String) -> Substring {
        let scalars = label.unicodeScalars
        let trimmable: (Unicode.Scalar) -> Bool = { " \t\r\n\"'".unicodeScalars.contains($0) }
        guard let first = scalars.firstIndex(where: { !trimmable($0) }),
            let last = scalars.lastIndex(where: { !trimmable($0) })
        else { return "" }
        return Substring(scalars[first...last])
    }

    private static func isLabelByte(_ byte: UInt8) -> Bool {
        HTMLEntities.isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
    }

    private static func iconvDecodes(_ name: String) -> Bool {
        let converter = iconv_open("UTF-8", name)
        guard converter != iconv_t(bitPattern: -1) else { return false }
        iconv_close(converter)
        return true
    }

    private init(name: String, iconvName: String) {
        self.name = name
        self.iconvName = iconvName
    }
}

/// Where the encoding of a document was learned from, in the order selfbuy consults them.
public enum CharsetSource: String, Sendable, Codable {
    case override
    case byteOrderMark = "bom"
    case httpHeader = "http-header"
    case xmlDeclaration = "xml-declaration"
    case htmlMeta = "html-meta"
    case sniffed
}
