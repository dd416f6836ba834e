/// Decodes the record stream the C reader writes (`selfbuy_pdf.h`): tag byte, 32-bit little-endian length, bytes.
enum PDFRecords {
    /// What the stream says, or nil when it was cut short (no end record): the reader died while writing.
    ///
    /// - Throws: ``PDFError/encrypted``, ``PDFError/damaged(_:)`` or ``PDFError/popplerUnavailable(_:)`` when the
    ///   reader reported a failure.
    static func decode(_ bytes: [UInt8]) throws -> PDFText? {
        var text = PDFText()
        var index = 0
        while index + 5 <= bytes.count {
            let tag = bytes[index]
            let length = (0..<4).reduce(0) { $0 | Int(bytes[index + 1 + $1]) << (8 * $1) }
            let start = index + 5
            guard length <= bytes.count - start else { return nil }
            let body = bytes[start..<start + length]
            index = start + length
            switch tag {
            case UInt8(ascii: "N"): text.pageCount = Int(number(body) ?? 0)
            case UInt8(ascii: "T"): text.title = String(decoding: body, as: UTF8.self)
            case UInt8(ascii: "C"): text.created = number(body)
            case UInt8(ascii: "M"): text.modified = number(body)
            case UInt8(ascii: "P"): text.pages.append(String(decoding: body, as: UTF8.self))
            case UInt8(ascii: "X"): text.stoppedAtTextCap = true
            case UInt8(ascii: "E"):
                if body.first == UInt8(ascii: "e") { throw PDFError.encrypted }
                if body.first == UInt8(ascii: "l") {
                    throw PDFError.popplerUnavailable(String(decoding: body.dropFirst(), as: UTF8.self))
                }
                throw PDFError.damaged(String(decoding: body.dropFirst(), as: UTF8.self).lowercased())
            case UInt8(ascii: "Z"): return text
            default: return nil
            }
        }
        return nil
    }

    private static func number(_ body: ArraySlice<UInt8>) -> Int64? {
        Int64(String(decoding: body, as: UTF8.self))
    }
}
