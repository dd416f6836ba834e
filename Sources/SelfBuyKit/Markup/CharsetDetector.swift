import Foundation

/// Decides a document's encoding from what its bytes and its transport say.
///
/// The order is fixed: an explicit override, a byte-order mark, the HTTP `Content-Type` charset, the XML declaration,
/// an HTML `<meta charset>` or `<meta http-equiv>`, then sniffing (valid UTF-8 is UTF-8, anything else GB18030).
/// A legacy label (gb2312, big5, …) on bytes that are valid, non-ASCII UTF-8 loses to UTF-8: servers mislabel far more
/// often than GBK text happens to be valid UTF-8.
public enum CharsetDetector {
    /// How far into a document a declaration or `<meta>` is looked for. Real pages put kilobytes of script first.
    static let prescanLimit = 64 * 1024

    public struct Decision: Sendable, Equatable {
        public var charset: Charset
        public var source: CharsetSource
        /// Explanations worth logging, such as a label the bytes contradicted.
        public var notes: [String]
        /// Number of bytes of byte-order mark to skip.
        public var bomLength: Int
        /// The bytes were found to be valid UTF-8 while deciding, so decoding them need not check again.
        public var validatedUTF8 = false
        /// A label said UTF-8 and, as asked, the bytes were not checked: the parser that reads them checks them.
        public var uncheckedUTF8Label = false
    }

    /// Chooses the encoding of `bytes`.
    ///
    /// - Parameters:
    ///   - bytes: the document as received.
    ///   - override: an encoding named by the user or the feed definition; it beats everything but is still reported.
    ///   - contentType: the HTTP `Content-Type` header, when the bytes came over HTTP.
    ///   - checkingUTF8Labels: false to take a UTF-8 label at its word, for a caller whose parser reports invalid
    ///     UTF-8 and then decides again with checking on (libxml2 checks every character it reads anyway).
    public static func decide(
        _ bytes: [UInt8], override: String? = nil, contentType: String? = nil, checkingUTF8Labels: Bool = true
    ) -> Decision {
        var notes: [String] = []
        if let override {
            if let charset = Charset(label: override) {
                return Decision(charset: charset, source: .override, notes: notes, bomLength: bomLength(bytes, charset))
            }
            notes.append("unsupported encoding override \"\(override)\" ignored")
        }
        if let (charset, length) = byteOrderMark(bytes) {
            return Decision(charset: charset, source: .byteOrderMark, notes: notes, bomLength: length)
        }
        let prefix = bytes.prefix(prescanLimit)
        // Evaluated lazily: the meta prescan is the costly one and is needed only when nothing earlier spoke.
        let candidates: [(CharsetSource, () -> String?)] = [
            (.httpHeader, { contentType.flatMap(charsetParameter) }),
            (.xmlDeclaration, { xmlDeclarationEncoding(prefix) }),
            (.htmlMeta, { htmlMetaCharset(prefix) }),
        ]
        for (source, find) in candidates {
            guard let label = find() else { continue }
            guard let charset = Charset(label: label) else {
                notes.append("unsupported charset label \"\(label)\" from \(source.rawValue) ignored")
                continue
            }
            if charset.isLegacyMultiByte, UTF8Validation.isValidNonASCII(bytes) {
                notes.append("label \"\(label)\" from \(source.rawValue) contradicted by bytes: valid UTF-8 used")
                return Decision(charset: .utf8, source: .sniffed, notes: notes, bomLength: 0, validatedUTF8: true)
            }
            if charset == .utf8 {
                guard checkingUTF8Labels else {
                    return Decision(
                        charset: .utf8, source: source, notes: notes, bomLength: 0, uncheckedUTF8Label: true)
                }
                if UTF8Validation.isValid(bytes) {
                    return Decision(charset: .utf8, source: source, notes: notes, bomLength: 0, validatedUTF8: true)
                }
                // A few broken sequences in UTF-8 text (a character cut in two) cost a U+FFFD each; bytes that are
                // mostly not UTF-8 are the GBK text so many servers still label utf-8.
                guard UTF8Validation.isMostlyUTF8(bytes) else {
                    notes.append(
                        "label \"\(label)\" from \(source.rawValue) contradicted by bytes: not UTF-8, read as gb18030")
                    return Decision(charset: .gb18030, source: .sniffed, notes: notes, bomLength: 0)
                }
                return Decision(charset: .utf8, source: source, notes: notes, bomLength: 0)
            }
            return Decision(charset: charset, source: source, notes: notes, bomLength: 0)
        }
        let valid = UTF8Validation.isValid(bytes)
        let sniffed: Charset = valid || UTF8Validation.isMostlyUTF8(bytes) ? .utf8 : .gb18030
        // A label that was there but could not be used: say what the bytes were read as instead.
        if !notes.isEmpty { notes.append("read as \(sniffed) (sniffed)") }
        return Decision(charset: sniffed, source: .sniffed, notes: notes, bomLength: 0, validatedUTF8: valid)
    }

    static func byteOrderMark(_ bytes: [UInt8]) -> (Charset, Int)? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        if bytes.starts(with: [0xFF, 0xFE]) { return (.utf16LE, 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (.utf16BE, 2) }
        return nil
    }

    private static func bomLength(_ bytes: [UInt8], _ charset: Charset) -> Int {
        guard let (bomCharset, length) = byteOrderMark(bytes), bomCharset == charset else { return 0 }
        return length
    }

    /// The `charset` parameter of a `Content-Type` value (`text/html; charset=GBK` → `GBK`).
    public static func charsetParameter(_ contentType: String) -> String? {
        for part in contentType.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else {
                continue
            }
            let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'"))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// The `encoding` pseudo-attribute of an XML declaration at the very start of the document.
    static func xmlDeclarationEncoding(_ bytes: ArraySlice<UInt8>) -> String? {
        var start = bytes.startIndex
        while start < bytes.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        guard bytes[start...].starts(with: Array("<?xml".utf8)) else { return nil }
        guard let end = bytes[start...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let declaration = String(decoding: bytes[start..<end], as: UTF8.self)
        return MarkupAttributes.parse(declaration)["encoding"]
    }

    /// The charset a `<meta>` element declares: `charset="…"`, or `http-equiv="content-type"` with a content naming
    /// one. Other `<meta>` elements whose content merely mentions a charset are ignored.
    static func htmlMetaCharset(_ bytes: ArraySlice<UInt8>) -> String? {
        let meta = Array("<meta".utf8)
        var index = bytes.startIndex
        while index + meta.count < bytes.endIndex {
            guard bytes[index] == UInt8(ascii: "<"),
                (1..<meta.count).allSatisfy({ bytes[index + $0] | 0x20 == meta[$0] })
            else {
                index += 1
                continue
            }
            let start = index + meta.count
            guard let close = bytes[start...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
            let attributes = MarkupAttributes.parse(String(decoding: bytes[start..<close], as: UTF8.self))
            if let charset = attributes["charset"], !charset.isEmpty { return charset }
            if attributes["http-equiv"]?.lowercased() == "content-type", let content = attributes["content"],
                let charset = charsetParameter(content)
            {
                return charset
            }
            index = close
        }
        return nil
    }
}

/// Parses `name="value"` pairs of a start tag or declaration, lower-casing names.
enum MarkupAttributes {
    /// Unicode white space, ASCII answered without looking up the character's properties.
    @inline(__always)
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80
            ? scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }

    static func parse(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func skipSpace() { while index < scalars.count, isSpace(scalars[index]) { index += 1 } }
        while index < scalars.count {
            skipSpace()
            var name = ""
            while index < scalars.count, !isSpace(scalars[index]), scalars[index] != "=",
                scalars[index] != "/", scalars[index] != "?"
            {
                name.unicodeScalars.append(scalars[index])
                index += 1
            }
            skipSpace()
            guard index < scalars.count, scalars[index] == "=" else {
                if name.isEmpty { index += 1 }
                continue
            }
            index += 1
            skipSpace()
            var value = ""
            if index < scalars.count, scalars[index] == "\"" || scalars[index] == "'" {
                let quote = scalars[index]
                index += 1
                while index < scalars.count, scalars[index] != quote {
                    value.unicodeScalars.append(scalars[index])
                    index += 1
                }
                index += 1
            } else {
                while index < scalars.count, !isSpace(scalars[index]) {
                    value.unicodeScalars.append(scalars[index])
                    index += 1
                }
            }
            if !name.isEmpty, result[name.lowercased()] == nil { result[name.lowercased()] = value }
        }
        return result
    }
}
