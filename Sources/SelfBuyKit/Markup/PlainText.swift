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

    /// Converts an HTML fragment (a feed item's description) to plain text.
    public static func fromHTML(_ html: String) -> String {
        guard html.utf8.contains(UInt8(ascii: "<")) || html.utf8.contains(UInt8(ascii: "&")) else {
            return normalize(html)
        }
        return FragmentText.render(html)
    }

    /// HTML or plain text as one line: line breaks become spaces (titles).
    public static func singleLine(_ html: String) -> String {
        let rendered = fromHTML(html)
        guard rendered.utf8.contains(0x0A) else { return rendered }
        return String(decoding: rendered.utf8.map { $0 == 0x0A ? 0x20 : $0 }, as: UTF8.self)
    }

    /// Renders the content of a node (not the node's own tag) as plain text.
    public static func render(_ node: MarkupNode) -> String {
        var builder = Builder()
        var child = node.pointer.pointee.children
        while let current = child {
            builder.walk(current)
            child = current.pointee.next
        }
        return builder.finish()
    }

    /// Folds white space in text that never was HTML, keeping line breaks.
    static func normalize<S: StringProtocol>(_ text: S) -> String {
        var builder = Builder()
        var text = String(text)
        text.withUTF8 { builder.append($0, keepBreaks: true) }
        return builder.finish()
    }

    enum ElementRole { case block, dropped, cell, inline }

    /// Accumulates UTF-8 bytes line by line.
    struct Builder {
        var output: [UInt8] = []
        var lineStart = 0
        var pendingSpace = false
        /// The pending white space held a line break: between two CJK characters it then renders as nothing.
        var pendingBreak = false
        var lastWasCJK = false
        /// Element roles by interned name pointer (libxml2 interns names per document).
        var roles: [UnsafePointer<xmlChar>: ElementRole] = [:]

        mutating func walk(_ node: xmlNodePtr) {
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content {
                    append(UnsafeBufferPointer(start: content, count: strlen(content)), keepBreaks: false)
                }
            case XML_ELEMENT_NODE, XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE:
                let role = self.role(node)
                if role == .dropped { return }
                if role == .block { lineBreak() }
                var child = node.pointee.children
                while let current = child {
                    walk(current)
                    child = current.pointee.next
                }
                if role == .block { lineBreak() } else if role == .cell { pendingSpace = true }
            default:
                break
            }
        }

        mutating func role(_ node: xmlNodePtr) -> ElementRole {
            guard let name = node.pointee.name else { return .inline }
            if let known = roles[name] { return known }
            let text = String(cString: name).lowercased()
            let role: ElementRole =
                PlainText.droppedElements.contains(text)
                ? .dropped
                : PlainText.blockElements.contains(text) ? .block : (text == "td" || text == "th" ? .cell : .inline)
            roles[name] = role
            return role
        }

        /// Appends UTF-8 text, folding white space; with `keepBreaks`, a line feed ends the line. Runs of
        /// non-space characters are copied in one piece.
        mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, keepBreaks: Bool) {
            var index = 0
            let count = bytes.count
            var runStart = -1
            func flush(_ end: Int, into output: inout [UInt8]) {
                if runStart >= 0, end > runStart {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<end]))
                }
                runStart = -1
            }
            while index < count {
                let lead = bytes[index]
                let length: Int
                let scalar: UInt32
                if lead < 0x80 {
                    length = 1
                    scalar = UInt32(lead)
                } else if lead >= 0xF0, index + 3 < count {
                    length = 4
                    scalar =
                        (UInt32(lead & 0x07) << 18) | (UInt32(bytes[index + 1] & 0x3F) << 12)
                        | (UInt32(bytes[index + 2] & 0x3F) << 6) | UInt32(bytes[index + 3] & 0x3F)
                } else if lead >= 0xE0, index + 2 < count {
                    length = 3
                    scalar =
                        (UInt32(lead & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6)
                        | UInt32(bytes[index + 2] & 0x3F)
                } else if lead >= 0xC0, index + 1 < count {
                    length = 2
                    scalar = (UInt32(lead & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F)
                } else {
                    length = 1
                    scalar = 0xFFFD
                }
                if keepBreaks, scalar == 0x0A {
                    flush(index, into: &output)
                    lineBreak()
                    index += length
                    continue
                }
                if Self.isSpace(scalar) {
                    flush(index, into: &output)
                    if output.count > lineStart {
                        if !pendingSpace { pendingBreak = false }
                        pendingSpace = true
                        if scalar == 0x0A || scalar == 0x0D { pendingBreak = true }
                    }
                    index += length
                    continue
                }
                let cjk = Self.isCJK(scalar)
                if pendingSpace {
                    if output.count > lineStart, !(pendingBreak && lastWasCJK && cjk) { output.append(0x20) }
                    pendingSpace = false
                    pendingBreak = false
                }
                lastWasCJK = cjk
                if scalar == 0xFFFD && length == 1 {
                    flush(index, into: &output)
                    output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                } else if runStart < 0 {
                    runStart = index
                }
                index += length
            }
            flush(count, into: &output)
        }

        mutating func lineBreak() {
            pendingSpace = false
            pendingBreak = false
            lastWasCJK = false
            if output.count > lineStart {
                output.append(0x0A)
                lineStart = output.count
            }
        }

        mutating func finish() -> String {
            if output.last == 0x0A { output.removeLast() }
            return String(decoding: output, as: UTF8.self)
        }

        @inline(__always)
        static func isSpace(_ scalar: UInt32) -> Bool {
            switch scalar {
            case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                return true
            default: return false
            }
        }

        /// CJK ideographs and full-width punctuation, between which a source line break is not rendered.
        @inline(__always)
        static func isCJK(_ scalar: UInt32) -> Bool {
            switch scalar {
            case 0x3000...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFFEF, 0x20000...0x2FFFF:
                return true
            default:
                return false
            }
        }
    }
}
