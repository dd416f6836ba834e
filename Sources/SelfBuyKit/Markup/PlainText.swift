import CLibXML2
import Foundation

/// Renders HTML as readable plain text: entities resolved, block elements and `<br>` as line breaks, scripts, styles
/// and other non-content elements dropped, runs of white space folded (and dropped between two CJK characters, where a
/// browser shows none either, so a line wrapped in the source does not split a Chinese word).
public enum PlainText {
    static let blockElements: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
        "tbody", "thead", "section", "article", "blockquote", "pre", "hr", "header", "footer", "main", "aside",
        "nav", "figure", "figcaption", "form", "address", "center", "td", "th", "caption", "body", "html",
    ]
    static let droppedElements: Set<String> = [
        "script", "style", "noscript", "template", "iframe", "head", "title", "select", "option", "button", "svg",
        "object", "embed", "canvas", "textarea",
    ]

    /// Converts an HTML fragment or document to plain text.
    public static func fromHTML(_ html: String) -> String {
        guard html.contains("<") || html.contains("&") else { return normalize(html) }
        guard let document = try? MarkupDocument(text: html, kind: .html), let root = document.root else {
            return normalize(html)
        }
        return render(root)
    }

    /// Renders the subtree of a node as plain text.
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
    static func normalize(_ text: String) -> String {
        var builder = Builder()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { builder.lineBreak() }
            builder.append(Substring(line))
        }
        return builder.finish()
    }

    struct Builder {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var pendingSpace = false
        /// The pending white space held a line break: between two CJK characters it then renders as nothing.
        var pendingBreak = false

        mutating func walk(_ node: xmlNodePtr) {
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content {
                    append(String(cString: content)[...])
                }
            case XML_ELEMENT_NODE, XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE:
                let name = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
                if PlainText.droppedElements.contains(name) { return }
                let block = PlainText.blockElements.contains(name)
                if block { lineBreak() }
                var child = node.pointee.children
                while let current = child {
                    walk(current)
                    child = current.pointee.next
                }
                if block { lineBreak() } else if name == "td" || name == "th" { pendingSpace = true }
            default:
                break
            }
        }

        mutating func append(_ text: Substring) {
            for scalar in text.unicodeScalars {
                if scalar.properties.isWhitespace || scalar == "\u{00A0}" || scalar == "\u{3000}" {
                    if !current.isEmpty {
                        if !pendingSpace { pendingBreak = false }
                        pendingSpace = true
                        if scalar == "\n" || scalar == "\r" { pendingBreak = true }
                    }
                    continue
                }
                if pendingSpace, let last = current.last, !(pendingBreak && Self.isCJK(last) && Self.isCJK(scalar)) {
                    current.append(" ")
                }
                pendingSpace = false
                pendingBreak = false
                current.append(scalar)
            }
        }

        mutating func lineBreak() {
            pendingSpace = false
            pendingBreak = false
            if !current.isEmpty {
                lines.append(String(current))
                current = String.UnicodeScalarView()
            }
        }

        mutating func finish() -> String {
            lineBreak()
            return lines.joined(separator: "\n")
        }

        /// CJK ideographs and full-width punctuation, between which white space is not rendered.
        static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x3000...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFFEF, 0x20000...0x2FFFF:
                return true
            default:
                return false
            }
        }
    }
}
