import CLibXML2
import Foundation

extension Boilerplate {
    /// The nodes under `root` that are not article text, found in one walk: named furniture, link-dominated blocks
    /// (two or more links making most of their text and no sentence of prose beside them, or a link with next to
    /// nothing beside it), section headings
    /// with the blocks they open, and site notices.
    ///
    /// - Parameter article: `root` is the chosen article body: what follows a section heading in the same parent
    ///   (related lists, comments, teasers), up to the next paragraph of plain prose, and short template lines (编辑,
    ///   关键字) after some article text are dropped too.
    static func marks(under root: xmlNodePtr, article: Bool) -> Set<xmlNodePtr> {
        var walker = MarkWalker(article: article)
        _ = walker.walk(root, inLink: false)
        return walker.marked
    }

    /// Text totals of a subtree, in non-space characters.
    struct Stats {
        var text = 0
        var link = 0
        var links = 0
        /// The longest run of text outside links: prose has long ones, link lists only dates and bylines.
        var longest = 0
        /// Some text outside links is a sentence (15 characters or more, ending in 。！？): a news flash is prose
        /// however short.
        var prose = false
        /// The first text node holding more than white space.
        var first: xmlNodePtr?

        mutating func add(_ other: Stats) {
            text += other.text
            link += other.link
            links += other.links
            longest = max(longest, other.longest)
            prose = prose || other.prose
            if first == nil { first = other.first }
        }
    }

    private struct MarkWalker {
        let article: Bool
        var marked: Set<xmlNodePtr> = []
        /// Non-link text seen so far, in document order, outside marked blocks.
        var seen = 0

        init(article: Bool) { self.article = article }

        mutating func walk(_ node: xmlNodePtr, inLink: Bool) -> Stats {
            var stats = Stats()
            // After a section heading inside an article (相关阅读, 你可能会喜欢), its siblings belong to the section
            // until one is plain prose again.
            var inSection = false
            var child = node.pointee.children
            while let current = child {
                child = current.pointee.next
                let seenBefore = seen
                var inner = Stats()
                var name = ""
                switch current.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    let count = current.pointee.content.map { Boilerplate.visibleLength($0) } ?? 0
                    guard count > 0 else { continue }
                    inner.text = count
                    inner.first = current
                    if inLink {
                        inner.link = count
                    } else {
                        seen += count
                        inner.longest = count
                        inner.prose = count >= 15 && current.pointee.content.map { Self.endsSentence($0) } == true
                    }
                case XML_ELEMENT_NODE:
                    name = current.pointee.name.map { String(cString: $0).lowercased() } ?? ""
                    if PlainText.droppedElements.contains(name) { continue }
                    if Boilerplate.isHinted(current, name: name) {
                        marked.insert(current)
                        continue
                    }
                    let isLink = name == "a"
                    inner = walk(current, inLink: inLink || isLink)
                    if isLink { inner.links += 1 }
                default:
                    continue
                }
                if inSection {
                    if inner.longest >= 40, inner.link * 10 < inner.text {
                        inSection = false
                    } else {
                        marked.insert(current)
                        seen = seenBefore
                        continue
                    }
                }
                stats.add(inner)
                guard PlainText.blockElements.contains(name) || name == "td" || name == "th" else { continue }
                if let reason = classify(inner, seenBefore: seenBefore) {
                    marked.insert(current)
                    seen = seenBefore
                    if reason == .section { inSection = true }
                }
            }
            markTeasers(in: node)
            return stats
        }

        /// Teaser lists: two or more sibling items that each open with a link on a line of its own (a headline)
        /// followed by a block of summary. An article paragraph that opens with a linked name goes on inline.
        mutating func markTeasers(in node: xmlNodePtr) {
            var teasers: [xmlNodePtr] = []
            var child = node.pointee.children
            while let current = child {
                child = current.pointee.next
                if current.pointee.type == XML_ELEMENT_NODE, Self.isTeaser(current) { teasers.append(current) }
            }
            guard teasers.count >= 2 else { return }
            for teaser in teasers { marked.insert(teaser) }
        }

        static func isTeaser(_ node: xmlNodePtr) -> Bool {
            guard let first = firstContent(node.pointee.children), first.pointee.type == XML_ELEMENT_NODE,
                let name = first.pointee.name
            else { return false }
            let headingLink = firstContent(first.pointee.children).map(isLink) ?? false
            let opensWithLink =
                isLink(first) || (["h2", "h3", "h4", "h5"].contains { MarkupNode.equals(name, $0) } && headingLink)
            guard opensWithLink, let next = firstContent(first.pointee.next), next.pointee.type == XML_ELEMENT_NODE,
                let nextName = next.pointee.name.map({ String(cString: $0).lowercased() })
            else { return false }
            return nextName == "p" || nextName == "div"
        }

        static func isLink(_ node: xmlNodePtr) -> Bool {
            node.pointee.type == XML_ELEMENT_NODE && node.pointee.name.map { MarkupNode.equals($0, "a") } == true
        }

        /// The first sibling from `node` on that is an element or text with more than white space.
        static func firstContent(_ node: xmlNodePtr?) -> xmlNodePtr? {
            var cursor = node
            while let current = cursor {
                if current.pointee.type == XML_ELEMENT_NODE { return current }
                if current.pointee.type == XML_TEXT_NODE, let content = current.pointee.content,
                    Boilerplate.visibleLength(content) > 0
                {
                    return current
                }
                cursor = current.pointee.next
            }
            return nil
        }

        enum Reason { case links, section, notice, line }

        func classify(_ stats: Stats, seenBefore: Int) -> Reason? {
            guard stats.text > 0 else { return nil }
            if stats.links >= 2, stats.link * 10 >= stats.text * 6, stats.longest < 40, !stats.prose { return .links }
            if stats.links >= 1, stats.text - stats.link <= 6, stats.link >= 3 * max(stats.text - stats.link, 1) {
                return .links
            }
            guard stats.text <= 600, let first = stats.first?.pointee.content else { return nil }
            let opening = Self.opening(first)
            guard let initial = opening.first, Boilerplate.markerInitials.contains(initial) else { return nil }
            if Boilerplate.opensSection(opening, total: stats.text) { return .section }
            if Boilerplate.isNotice(opening) { return .notice }
            if article, seenBefore >= 50, Boilerplate.isTemplateLine(opening, total: stats.text) { return .line }
            return nil
        }

        /// The first few characters of a text node, white space skipped.
        static func opening(_ content: UnsafePointer<xmlChar>) -> String {
            var length = 0
            while content[length] != 0, length < 64 { length += 1 }
            let bytes = UnsafeBufferPointer(start: content, count: length)
            let text = String(decoding: bytes, as: UTF8.self)
            return String(text.drop { $0.isWhitespace || $0 == "\u{3000}" || $0 == "[" || $0 == "【" }.prefix(12))
        }

        /// Whether a text holds a full stop, exclamation or question mark (。！？, U+3002, U+FF01, U+FF1F).
        static func endsSentence(_ content: UnsafePointer<xmlChar>) -> Bool {
            var index = 0
            while content[index] != 0 {
                if content[index] == 0xE3, content[index + 1] == 0x80, content[index + 2] == 0x82 { return true }
                if content[index] == 0xEF, content[index + 1] == 0xBC,
                    content[index + 2] == 0x81 || content[index + 2] == 0x9F
                {
                    return true
                }
                index += 1
            }
            return false
        }
    }

    /// Characters that are not white space, counted from UTF-8 lead bytes.
    static func visibleLength(_ content: UnsafePointer<xmlChar>) -> Int {
        var count = 0
        var index = 0
        while true {
            let byte = content[index]
            if byte == 0 { return count }
            if byte & 0xC0 != 0x80, byte > 0x20 {
                // U+00A0 (C2 A0) and U+3000 (E3 80 80) are white space too.
                if !(byte == 0xC2 && content[index + 1] == 0xA0)
                    && !(byte == 0xE3 && content[index + 1] == 0x80 && content[index + 2] == 0x80)
                {
                    count += 1
                }
            }
            index += 1
        }
    }
}
