import Foundation

/// Plain text of the HTML fragments feeds carry in `description`, `content:encoded` and Atom `type="html"`, read by a
/// small tokenizer instead of a second libxml2 parse per item (which cost as much as parsing the whole feed).
///
/// Same rendering as ``PlainText``: block tags and `<br>` break lines, `<script>`, `<style>` and comments are
/// dropped, entities (named HTML ones and numeric references) resolved, white space folded. A `<` that does not start a
/// tag, and an unknown entity, stay as written.
enum FragmentText {
    /// Blocks that break nothing when they hold no text (an ad table or an image box in the middle of a sentence).
    static let boxElements: Set<String> = ["table", "div", "center", "figure"]

    static func render(_ html: String) -> String {
        var html = html
        return html.withUTF8 { render($0) }
    }

    /// Renders UTF-8 HTML (as one line with `singleLine`). Text between markup goes to the builder in runs; only `<`
    /// and `&` stop the scan.
    static func render(_ bytes: UnsafeBufferPointer<UInt8>, singleLine: Bool = false) -> String {
        PlainText.rendering(capacity: bytes.count, singleLine: singleLine) { render(bytes, into: &$0) }
    }

    private static func render(_ bytes: UnsafeBufferPointer<UInt8>, into builder: inout PlainText.Builder) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var index = 0
        var textStart = 0
        func text(_ end: Int) {
            if end > textStart {
                builder.append(UnsafeBufferPointer(start: base + textStart, count: end - textStart), keepBreaks: false)
            }
        }
        // Where the next `<` and `&` are: memchr finds them, so text between markup is never looked at byte by byte
        // here (the builder reads it once).
        func next(_ byte: UInt8, from start: Int) -> Int {
            guard start < count, let found = memchr(base + start, Int32(byte), count - start) else { return count }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        // Open tables and boxes with the line state before them, innermost last.
        var boxes: [(name: String, state: PlainText.Builder.LineState)] = []
        var lessThan = next(UInt8(ascii: "<"), from: 0)
        var ampersand = next(UInt8(ascii: "&"), from: 0)
        while true {
            if lessThan < index { lessThan = next(UInt8(ascii: "<"), from: index) }
            if ampersand < index { ampersand = next(UInt8(ascii: "&"), from: index) }
            index = min(lessThan, ampersand)
            guard index < count else { break }
            if base[index] == UInt8(ascii: "<"), let tag = tag(bytes, at: index) {
                text(index)
                index = tag.end
                if !tag.closing, !tag.selfClosing, PlainText.droppedElements.contains(tag.name),
                    !PlainText.voidElements.contains(tag.name),
                    let end = skipElement(bytes, from: index, name: tag.name)
                {
                    index = end
                } else if boxElements.contains(tag.name), !tag.selfClosing {
                    // An ad table or image box inside a paragraph: one that held no text breaks nothing.
                    if !tag.closing {
                        boxes.append((tag.name, PlainText.Builder.LineState(builder)))
                        builder.lineBreak()
                    } else if let open = boxes.lastIndex(where: { $0.name == tag.name }) {
                        let before = boxes[open].state
                        boxes.removeSubrange(open...)
                        if builder.runs == before.runs { before.restore(into: &builder) } else { builder.lineBreak() }
                    } else {
                        builder.lineBreak()
                    }
                } else if PlainText.blockElements.contains(tag.name) {
                    builder.lineBreak()
                } else if tag.closing, tag.name == "td" || tag.name == "th" {
                    builder.pendingSpace = true
                }
                textStart = index
            } else if base[index] == UInt8(ascii: "&"),
                let (end, characters) = HTMLEntities.reference(bytes, from: index + 1)
            {
                text(index)
                var characters = characters
                characters.withUTF8 { builder.append($0, keepBreaks: false) }
                index = end
                textStart = index
            } else {
                index += 1
            }
        }
        text(count)
    }

    /// A tag or comment read by ``tag(_:at:)``.
    struct Tag {
        /// Just past the `>`.
        var end: Int
        /// The lower-cased name; "!" for comments and declarations.
        var name: String
        /// An end tag (`</p>`).
        var closing: Bool
        /// A start tag written `<svg/>`: an element with nothing in it.
        var selfClosing = false
    }

    /// The tag or comment at `start`, or nil when the `<` is plain text.
    static func tag(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Tag? {
        var index = start + 1
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "!") {
            if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "-"), bytes[index + 2] == UInt8(ascii: "-") {
                var cursor = index + 3
                while cursor + 2 < bytes.count {
                    if bytes[cursor] == UInt8(ascii: "-"), bytes[cursor + 1] == UInt8(ascii: "-"),
                        bytes[cursor + 2] == UInt8(ascii: ">")
                    {
                        return Tag(end: cursor + 3, name: "!", closing: false)
                    }
                    cursor += 1
                }
                return Tag(end: bytes.count, name: "!", closing: false)
            }
            guard let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
            return Tag(end: close + 1, name: "!", closing: false)
        }
        let closing = bytes[index] == UInt8(ascii: "/")
        if closing { index += 1 }
        let nameStart = index
        while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
        guard index > nameStart,
            bytes[nameStart] | 0x20 >= UInt8(ascii: "a") && bytes[nameStart] | 0x20 <= UInt8(ascii: "z")
        else { return nil }
        let nameEnd = index
        var quote: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                // Lower-cased in place of a copy; names up to 15 bytes make small strings, with no allocation.
                let name = String(unsafeUninitializedCapacity: nameEnd - nameStart) { slots in
                    for offset in 0..<(nameEnd - nameStart) { slots[offset] = lowercased(bytes[nameStart + offset]) }
                    return nameEnd - nameStart
                }
                let selfClosing = index > nameEnd && bytes[index - 1] == UInt8(ascii: "/")
                return Tag(end: index + 1, name: name, closing: closing, selfClosing: selfClosing)
            } else if byte == UInt8(ascii: "<") {
                return nil
            }
            index += 1
        }
        return nil
    }

    /// Past the end tag of a dropped element (`</script>`). An element never closed is dropped to the end of the
    /// fragment only when HTML reads it so (`<script>`, `<style>`, `<textarea>`: their content is raw text); for the
    /// others (an `<object>` or `<svg>` left open) nil: only the start tag goes, the text after it stays.
    static func skipElement(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, name: String) -> Int? {
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
        return PlainText.rawTextElements.contains(name) ? bytes.count : nil
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "_")
    }
}
