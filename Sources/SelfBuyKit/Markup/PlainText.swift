import CLibXML2
import Foundation

/// Renders HTML as readable plain text: entities resolved, block elements and `<br>` as line breaks, scripts, styles
/// and other non-content elements dropped, runs of white space folded (and dropped between two CJK characters when
/// they held a line break, as browsers do, so a line wrapped in the source does not split a Chinese word).
public enum PlainText {
    static let blockElements: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
        "tbody", "thead", "section", "article", "blockquote", "pre", "hr", "header", "footer", "main", "aside",
        "nav", "figure", "figcaption", "form", "address", "center", "caption", "body", "html",
    ]
    static let droppedElements: Set<String> = [
        "script", "style", "noscript", "template", "iframe", "head", "title", "select", "option", "button", "svg",
        "object", "embed", "canvas", "textarea",
    ]
    /// Elements that never have content: a start tag alone is the whole element, whatever set it belongs to.
    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]
    /// Dropped elements whose content HTML reads as raw text up to their end tag, which an unclosed one then swallows.
    static let rawTextElements: Set<String> = ["script", "style", "textarea", "title", "xmp", "noscript", "template"]

    /// Converts an HTML fragment (a feed item's description) to plain text.
    public static func fromHTML(_ html: String) -> String {
        var html = html
        return html.withUTF8 { fromHTML($0) }
    }

    /// Converts an HTML fragment given as UTF-8 bytes (straight from the feed's tree) to plain text.
    static func fromHTML(_ html: UnsafeBufferPointer<UInt8>) -> String {
        fromHTML(html, singleLine: false)
    }

    /// With `singleLine`, as one line (``singleLine(_:)``).
    static func fromHTML(_ html: UnsafeBufferPointer<UInt8>, singleLine: Bool) -> String {
        guard let base = html.baseAddress,
            memchr(base, Int32(UInt8(ascii: "<")), html.count) != nil
                || memchr(base, Int32(UInt8(ascii: "&")), html.count) != nil
        else { return normalize(html, singleLine: singleLine) }
        return FragmentText.render(html, singleLine: singleLine)
    }

    /// Whether UTF-8 text holds nothing but white space.
    static func isBlank(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress else { return true }
        var index = 0
        while index < text.count {
            let length = UTF8Characters.spaceLength(base, at: index, count: text.count)
            if length == 0 { return false }
            index += length
        }
        return true
    }

    /// HTML or plain text as one line: line breaks become spaces (titles).
    public static func singleLine(_ html: String) -> String {
        oneLine(fromHTML(html))
    }

    /// Plain text as one line: line breaks become spaces.
    static func oneLine(_ text: String) -> String {
        var text = text
        guard text.withUTF8({ $0.contains(0x0A) }) else { return text }
        return String(decoding: text.utf8.map { $0 == 0x0A ? 0x20 : $0 }, as: UTF8.self)
    }

    /// Renders the content of a node (not the node's own tag) as plain text.
    public static func render(_ node: MarkupNode) -> String {
        render(node, skipping: [])
    }

    /// Renders the content of a node, leaving out the nodes in `skipped` and everything under them.
    static func render(_ node: MarkupNode, skipping skipped: Set<xmlNodePtr>) -> String {
        rendering(capacity: 4096) { builder in
            builder.cdata = node.document.cdata
            builder.skipped = skipped
            var child = node.pointer.pointee.children
            while let current = child {
                builder.walk(current)
                child = current.pointee.next
            }
        }
    }

    /// Makes a string of what `body` renders, written into a scratch buffer (on the stack when it is small) and copied
    /// once into the string, unchecked: the builder writes valid UTF-8. When `capacity` bytes turn out too few, renders
    /// again with twice the room. With `singleLine`, line breaks become spaces, as ``oneLine(_:)`` makes them.
    static func rendering(capacity: Int, singleLine: Bool = false, _ body: (inout Builder) -> Void) -> String {
        var capacity = Swift.max(capacity, 16)
        while true {
            let text = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { storage -> String? in
                var builder = Builder(into: storage)
                body(&builder)
                guard !builder.overflowed else { return nil }
                let written = UnsafeMutableBufferPointer(rebasing: storage[..<builder.finish()])
                if singleLine {
                    for index in written.indices where written[index] == 0x0A { written[index] = 0x20 }
                }
                return String(knownValidUTF8: UnsafeBufferPointer(written))
            }
            if let text { return text }
            capacity *= 2
        }
    }

    /// Folds white space in text that never was HTML, keeping line breaks.
    static func normalize<S: StringProtocol>(_ text: S) -> String {
        var text = String(text)
        return text.withUTF8 { normalize($0) }
    }

    static func normalize(_ text: UnsafeBufferPointer<UInt8>) -> String {
        normalize(text, singleLine: false)
    }

    /// With `singleLine`, the line breaks kept become spaces (``oneLine(_:)`` of the result).
    static func normalize(_ text: UnsafeBufferPointer<UInt8>, singleLine: Bool) -> String {
        rendering(capacity: text.count, singleLine: singleLine) { $0.append(text, keepBreaks: true) }
    }

    enum ElementRole { case block, paragraph, lineBreak, dropped, cell, inline }
}
