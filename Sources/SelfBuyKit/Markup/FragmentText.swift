/// Plain text of the HTML fragments feeds carry in `description`, `content:encoded` and Atom `type="html"`, read by a
/// small tokenizer instead of a second libxml2 parse per item (which cost as much as parsing the whole feed).
///
/// Same rendering as ``PlainText``: block tags and `<br>` break lines, `<script>`, `<style>` and comments are
/// dropped, entities (named HTML ones and numeric references) resolved, white space folded. A `<` that does not start a
/// tag, and an unknown entity, stay as written.
enum FragmentText {
    static func render(_ html: String) -> String {
        var builder = PlainText.Builder()
        var html = html
        html.withUTF8 { bytes in
            var index = 0
            var textStart = 0
            func text(_ end: Int) {
                if end > textStart {
                    builder.append(UnsafeBufferPointer(rebasing: bytes[textStart..<end]), keepBreaks: false)
                }
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "<"), let (end, name, closing) = tag(bytes, at: index) {
                    text(index)
                    index = end
                    if !closing, PlainText.droppedElements.contains(name) {
                        index = skipElement(bytes, from: index, name: name)
                    } else if PlainText.blockElements.contains(name) {
                        builder.lineBreak()
                    } else if closing, name == "td" || name == "th" {
                        builder.pendingSpace = true
                    }
                    textStart = index
                } else if byte == UInt8(ascii: "&"), let (end, scalar) = entity(bytes, at: index) {
                    text(index)
                    var encoded = Array(String(Character(scalar)).utf8)
                    encoded.withUnsafeBufferPointer { builder.append($0, keepBreaks: false) }
                    encoded.removeAll()
                    index = end
                    textStart = index
                } else {
                    index += 1
                }
            }
            text(bytes.count)
        }
        return builder.finish()
    }

    /// A tag or comment at `start`: where it ends, its lower-cased name ("!" for comments and declarations) and
    /// whether it closes an element; nil when the `<` is plain text.
    static func tag(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (Int, String, Bool)? {
        var index = start + 1
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "!") {
            if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "-"), bytes[index + 2] == UInt8(ascii: "-") {
                var cursor = index + 3
                while cursor + 2 < bytes.count {
                    if bytes[cursor] == UInt8(ascii: "-"), bytes[cursor + 1] == UInt8(ascii: "-"),
                        bytes[cursor + 2] == UInt8(ascii: ">")
                    {
                        return (cursor + 3, "!", false)
                    }
                    cursor += 1
                }
                return (bytes.count, "!", false)
            }
            guard let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
            return (close + 1, "!", false)
        }
        let closing = bytes[index] == UInt8(ascii: "/")
        if closing { index += 1 }
        var name: [UInt8] = []
        while index < bytes.count, isNameByte(bytes[index]) {
            name.append(bytes[index] | 0x20)
            index += 1
        }
        guard !name.isEmpty, name[0] >= UInt8(ascii: "a") && name[0] <= UInt8(ascii: "z") else { return nil }
        var quote: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return (index + 1, String(decoding: name, as: UTF8.self), closing)
            } else if byte == UInt8(ascii: "<") {
                return nil
            }
            index += 1
        }
        return nil
    }

    /// Past the end tag of a dropped element (`</script>`), or the end of the fragment.
    static func skipElement(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, name: String) -> Int {
        let closer = Array(("</" + name).utf8)
        var index = start
        while index + closer.count <= bytes.count {
            if bytes[index] == UInt8(ascii: "<"),
                (1..<closer.count).allSatisfy({ bytes[index + $0] | 0x20 == closer[$0] })
            {
                if let close = bytes[(index + closer.count)...].firstIndex(of: UInt8(ascii: ">")) { return close + 1 }
                return bytes.count
            }
            index += 1
        }
        return bytes.count
    }

    /// An entity or character reference at `start`: where it ends and the character it stands for.
    static func entity(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (Int, Unicode.Scalar)? {
        var index = start + 1
        var name: [UInt8] = []
        while index < bytes.count, index - start <= 12, bytes[index] != UInt8(ascii: ";") {
            let byte = bytes[index]
            guard isNameByte(byte) || byte == UInt8(ascii: "#") else { return nil }
            name.append(byte)
            index += 1
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: ";"), !name.isEmpty else { return nil }
        let text = String(decoding: name, as: UTF8.self)
        let value: UInt32?
        if text.hasPrefix("#x") || text.hasPrefix("#X") {
            value = UInt32(text.dropFirst(2), radix: 16)
        } else if text.hasPrefix("#") {
            value = UInt32(text.dropFirst())
        } else {
            value = named[text] ?? XMLRepair.htmlEntities[text]
        }
        guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
        return (index + 1, scalar)
    }

    static let named: [String: UInt32] = ["amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27]

    static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "_")
    }
}
