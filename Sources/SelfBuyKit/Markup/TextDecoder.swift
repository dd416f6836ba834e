import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Text decoded from bytes, with an account of how.
public struct DecodedText: Sendable {
    /// The text as UTF-8, always valid: what the markup stage parses without another conversion.
    public var utf8: [UInt8]
    public var charset: Charset
    public var source: CharsetSource
    /// Invalid byte sequences replaced by U+FFFD.
    public var replacements: Int
    public var notes: [String]
    /// The bytes were passed through on the word of a UTF-8 label, unchecked (see `trustingUTF8Labels`).
    public var uncheckedUTF8 = false

    /// The text as a string.
    public var text: String { String(decoding: utf8, as: UTF8.self) }
}

/// Decodes bytes to Unicode through iconv, replacing each invalid sequence with U+FFFD instead of stopping.
///
/// libxml2 given GB18030 with one stray byte truncates the document there; decoding first and handing libxml2 UTF-8
/// keeps every byte after the fault. Decoding yields UTF-8 bytes, not a `String`: a feed is parsed from them directly,
/// and bytes already checked while deciding the charset are passed through untouched.
public enum TextDecoder {
    /// Decodes `bytes` with the encoding `CharsetDetector` decides.
    ///
    /// - Parameter trustingUTF8Labels: pass bytes a label calls UTF-8 through unchecked, for a parser that checks
    ///   them itself; the result then says ``DecodedText/uncheckedUTF8``.
    public static func decode(
        _ bytes: [UInt8], override: String? = nil, contentType: String? = nil, trustingUTF8Labels: Bool = false
    ) -> DecodedText {
        var decision = CharsetDetector.decide(
            bytes, override: override, contentType: contentType, checkingUTF8Labels: !trustingUTF8Labels)
        // A NUL byte in text that is not UTF-16 or UTF-32 is a fault of the source, not a character: it goes, said.
        var bytes = bytes
        if !decision.charset.iconvName.hasPrefix("UTF-16"), !decision.charset.iconvName.hasPrefix("UTF-32"),
            !decision.charset.iconvName.hasPrefix("UCS"), bytes.withUnsafeBufferPointer(containsNUL)
        {
            let before = bytes.count
            bytes.removeAll { $0 == 0 }
            decision.notes.append("dropped \(before - bytes.count) NUL bytes")
        }
        let utf8: [UInt8]
        let replacements: Int
        if decision.validatedUTF8 || decision.uncheckedUTF8Label, decision.bomLength == 0 {
            (utf8, replacements) = (bytes, 0)
        } else {
            let body = decision.bomLength > 0 ? Array(bytes[decision.bomLength...]) : bytes
            (utf8, replacements) = decodeToUTF8(body, as: decision.charset)
        }
        return DecodedText(
            utf8: utf8, charset: decision.charset, source: decision.source, replacements: replacements,
            notes: decision.notes, uncheckedUTF8: decision.uncheckedUTF8Label)
    }

    private static func containsNUL(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return memchr(base, 0, bytes.count) != nil
    }

    /// Decodes `bytes` as `charset`.
    ///
    /// - Returns: the text and how many invalid sequences became U+FFFD.
    public static func decode(_ bytes: [UInt8], as charset: Charset) -> (String, Int) {
        let (utf8, replacements) = decodeToUTF8(bytes, as: charset)
        return (String(decoding: utf8, as: UTF8.self), replacements)
    }

    /// Decodes `bytes` as `charset` to valid UTF-8.
    static func decodeToUTF8(_ bytes: [UInt8], as charset: Charset) -> ([UInt8], Int) {
        if charset == .utf8 {
            if UTF8Validation.isValid(bytes) { return (bytes, 0) }
            return decodeLossyUTF8(bytes)
        }
        if charset == .gb18030, let decoded = GB18030Decoder.decode(bytes) { return decoded }
        return decodeWithIconv(bytes, charset: charset)
    }

    private static func decodeLossyUTF8(_ bytes: [UInt8]) -> ([UInt8], Int) {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        var replacements = 0
        var iterator = bytes.makeIterator()
        var codec = UTF8()
        loop: while true {
            switch codec.decode(&iterator) {
            case .scalarValue(let scalar): UTF8.encode(scalar) { output.append($0) }
            case .error:
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                replacements += 1
            case .emptyInput: break loop
            }
        }
        return (output, replacements)
    }

    static func decodeWithIconv(_ bytes: [UInt8], charset: Charset) -> ([UInt8], Int) {
        let converter = iconv_open("UTF-8", charset.iconvName)
        guard converter != iconv_t(bitPattern: -1) else { return decodeLossyUTF8(bytes) }
        defer { iconv_close(converter) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 3 / 2 + 16)
        var replacements = 0
        let chunk = 64 * 1024
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: chunk)
        defer { buffer.deallocate() }
        bytes.withUnsafeBufferPointer { input in
            guard let base = input.baseAddress else { return }
            var offset = 0
            while offset < input.count {
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base + offset)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = input.count - offset
                var outPointer: UnsafeMutablePointer<CChar>? = buffer
                var outLeft = chunk
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                let failure = result == -1 ? errno : 0
                let produced = chunk - outLeft
                buffer.withMemoryRebound(to: UInt8.self, capacity: produced) {
                    output.append(contentsOf: UnsafeBufferPointer(start: $0, count: produced))
                }
                offset = input.count - inLeft
                switch failure {
                case 0, E2BIG:
                    continue
                default:
                    // EILSEQ, or EINVAL for a sequence cut off at the end: one U+FFFD per bad sequence.
                    output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    replacements += 1
                    offset += invalidSequenceLength(input, at: offset, charset: charset, truncated: failure == EINVAL)
                    _ = iconv(converter, nil, nil, nil, nil)
                }
            }
        }
        // iconv writes valid UTF-8 and every fault became U+FFFD, so the output needs no further check.
        return (output, replacements)
    }

    /// How many bytes a decoder skips at an invalid sequence, following the WHATWG decoders: a bad lead byte alone;
    /// a lead byte and its trail byte together unless the trail is ASCII, which is then read on its own.
    static func invalidSequenceLength(
        _ input: UnsafeBufferPointer<UInt8>, at offset: Int, charset: Charset, truncated: Bool
    ) -> Int {
        if truncated { return input.count - offset }
        let lead = input[offset]
        guard charset.isLegacyMultiByte, lead >= 0x81, lead != 0xFF, offset + 1 < input.count else { return 1 }
        let trail = input[offset + 1]
        return trail < 0x80 ? 1 : 2
    }
}
