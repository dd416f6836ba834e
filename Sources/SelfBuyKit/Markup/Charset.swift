import Foundation

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
    /// - Returns: the charset, or nil for a label selfbuy does not know (callers then keep looking, never guess Latin-1).
    public init?(label: String) {
        let key = label.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\n\"'")).lowercased()
        switch key {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8":
            self = .utf8
        case "gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80", "gb_2312", "gb18030", "chinese", "csgb2312", "iso-ir-58",
            "ms936", "windows-936", "euc-cn", "gb-2312", "csiso58gb231280":
            self = .gb18030
        case "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5", "big-5", "cp950":
            self = .big5
        case "utf-16le", "utf-16", "unicode", "ucs-2":
            self = .utf16LE
        case "utf-16be":
            self = .utf16BE
        case "iso-8859-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252", "iso8859-1", "iso_8859-1":
            self = .windows1252
        case "shift_jis", "shift-jis", "sjis", "ms_kanji", "windows-31j", "x-sjis", "cp932":
            self = .shiftJIS
        case "euc-jp", "x-euc-jp":
            self = .eucJP
        case "euc-kr", "ks_c_5601-1987", "windows-949", "cp949":
            self = .eucKR
        default:
            return nil
        }
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
