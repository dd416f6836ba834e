/// The entities a document's internal DTD subset declares, when every declaration is harmless.
///
/// Some real feeds declare the HTML entities they use (`<!DOCTYPE rss [<!ENTITY nbsp "&#160;">]>`). libxml2 would
/// expand them, but entity declarations are also how billion-laughs and quadratic blow-up documents work, so
/// ``MarkupDocument`` refuses any document that declares one. This reads the subset first: when it declares only simple
/// entities — a value of text and character references, no markup, no reference to another entity, at most
/// ``valueLimit`` bytes — and external ones (which are never read), the subset is removed and ``XMLRepair`` writes each
/// reference's text in its place, the document growing by at most ``growthLimit``. Anything else (an entity built from
/// other entities, a parameter entity with a value, markup in a value) leaves the document as it is, to be refused.
struct InternalSubset {
    /// The document with its internal subset removed.
    var document: [UInt8]
    /// Each declared general entity's replacement, escaped for XML text and attributes; empty for an external entity
    /// (its reference is dropped, never read).
    var entities: [String: [UInt8]]

    static let valueLimit = 1024
    static let growthLimit = 1 << 20

    /// Reads the internal subset of the DOCTYPE in the prolog; nil when there is none, or when it is not harmless.
    static func read(_ bytes: [UInt8]) -> InternalSubset? {
        bytes.withUnsafeBufferPointer { buffer -> InternalSubset? in
            guard let (open, close) = locate(buffer) else { return nil }
            var entities: [String: [UInt8]] = [:]
            var index = open + 1
            while index < close {
                let byte = buffer[index]
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                    index += 1
                } else if matches(buffer, index, "<!--") {
                    guard let end = ByteSearch.find(Array("-->".utf8), in: buffer, from: index + 4) else { return nil }
                    index = end + 3
                } else if matches(buffer, index, "<!ENTITY") {
                    guard let end = declarationEnd(buffer, from: index), end <= close,
                        declare(buffer, index + 8, end, into: &entities)
                    else { return nil }
                    index = end + 1
                } else if matches(buffer, index, "<!") || matches(buffer, index, "<?") {
                    // ELEMENT, ATTLIST, NOTATION declarations and processing instructions declare no text.
                    guard let end = declarationEnd(buffer, from: index), end <= close else { return nil }
                    index = end + 1
                } else if byte == UInt8(ascii: "%") {
                    // A reference to an external parameter entity (declared PUBLIC or SYSTEM): never read.
                    while index < close, buffer[index] != UInt8(ascii: ";") { index += 1 }
                    index += 1
                } else {
                    return nil
                }
            }
            var document = Array(buffer[..<open])
            document.append(contentsOf: buffer[(close + 1)...])
            return InternalSubset(document: document, entities: entities)
        }
    }

    /// The `[` and `]` of the internal subset of a DOCTYPE standing before the first element.
    private static func locate(_ buffer: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
        let limit = min(buffer.count, 64 * 1024)
        var index = 0
        while index < limit {
            guard buffer[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            if matches(buffer, index, "<!DOCTYPE") {
                var cursor = index + 9
                var quote: UInt8 = 0
                while cursor < buffer.count {
                    let byte = buffer[cursor]
                    if quote != 0 {
                        if byte == quote { quote = 0 }
                    } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                        quote = byte
                    } else if byte == UInt8(ascii: ">") {
                        return nil
                    } else if byte == UInt8(ascii: "[") {
                        guard let close = subsetEnd(buffer, from: cursor + 1) else { return nil }
                        return (cursor, close)
                    }
                    cursor += 1
                }
                return nil
            }
            if matches(buffer, index, "<!--") {
                index = (ByteSearch.find(Array("-->".utf8), in: buffer, from: index + 4) ?? limit) + 3
                continue
            }
            if index + 1 < buffer.count, buffer[index + 1] != UInt8(ascii: "?"), buffer[index + 1] != UInt8(ascii: "!")
            {
                return nil
            }
            index += 1
        }
        return nil
    }

    /// The `]` closing the subset: the first outside quoted strings and comments.
    private static func subsetEnd(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        var quote: UInt8 = 0
        while index < buffer.count {
            let byte = buffer[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if matches(buffer, index, "<!--") {
                guard let end = ByteSearch.find(Array("-->".utf8), in: buffer, from: index + 4) else { return nil }
                index = end + 3
                continue
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "]") {
                return index
            }
            index += 1
        }
        return nil
    }

    /// The `>` ending a declaration, outside quoted strings.
    private static func declarationEnd(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var quote: UInt8 = 0
        for index in start..<buffer.count {
            let byte = buffer[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index
            }
        }
        return nil
    }

    /// Reads `name "value"`, `name SYSTEM "uri"`, `name PUBLIC "id" "uri"` or `% name PUBLIC…`; false when the
    /// declaration is not harmless.
    private static func declare(
        _ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into entities: inout [String: [UInt8]]
    ) -> Bool {
        let words = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
        var scanner = Substring(words)
        func skipSpace() { scanner = scanner.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" } }
        func word() -> Substring {
            skipSpace()
            let name = scanner.prefix {
                !($0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\"" || $0 == "'")
            }
            scanner = scanner.dropFirst(name.count)
            return name
        }
        var name = word()
        let parameter = name == "%"
        if parameter { name = word() }
        guard !name.isEmpty else { return false }
        skipSpace()
        guard let quote = scanner.first, quote == "\"" || quote == "'" else {
            // External: SYSTEM or PUBLIC. Its reference stays unexpanded, whatever it names.
            let keyword = word()
            guard keyword == "SYSTEM" || keyword == "PUBLIC" else { return false }
            if !parameter, entities[String(name)] == nil { entities[String(name)] = [] }
            return true
        }
        // A parameter entity with a value can build declarations: not harmless.
        guard !parameter else { return false }
        scanner = scanner.dropFirst()
        guard let closing = scanner.firstIndex(of: quote) else { return false }
        let value = scanner[..<closing]
        guard value.utf8.count <= valueLimit, let text = replacement(value) else { return false }
        // The first declaration of a name binds, as in XML.
        if entities[String(name)] == nil { entities[String(name)] = text }
        return true
    }

    /// A value's replacement text, escaped for XML: character references and the predefined entities resolved, then
    /// `&`, `<` and `"` escaped again; nil when the value holds markup or a reference to another entity.
    private static func replacement(_ value: Substring) -> [UInt8]? {
        var output: [UInt8] = []
        var rest = value[...]
        while let ampersand = rest.firstIndex(of: "&") {
            guard !rest[..<ampersand].contains("<"), !rest[..<ampersand].contains("%") else { return nil }
            append(rest[..<ampersand], to: &output)
            let tail = rest[rest.index(after: ampersand)...]
            guard let semicolon = tail.firstIndex(of: ";") else { return nil }
            let name = tail[..<semicolon]
            let resolved: String
            if name.hasPrefix("#x") || name.hasPrefix("#X"), let code = UInt32(name.dropFirst(2), radix: 16),
                let scalar = Unicode.Scalar(code)
            {
                resolved = String(Character(scalar))
            } else if name.hasPrefix("#"), let code = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(code) {
                resolved = String(Character(scalar))
            } else if let predefined = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"][String(name)] {
                resolved = predefined
            } else {
                return nil
            }
            append(resolved[...], to: &output)
            rest = tail[tail.index(after: semicolon)...]
        }
        guard !rest.contains("<"), !rest.contains("%") else { return nil }
        append(rest, to: &output)
        return output
    }

    private static func append(_ text: Substring, to output: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: "\""): output.append(contentsOf: "&quot;".utf8)
            default: output.append(byte)
            }
        }
    }

    private static func matches(_ buffer: UnsafeBufferPointer<UInt8>, _ index: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= buffer.count else { return false }
        let bytes = word.utf8Start
        for offset in 0..<count where buffer[index + offset] != bytes[offset] { return false }
        return true
    }
}
