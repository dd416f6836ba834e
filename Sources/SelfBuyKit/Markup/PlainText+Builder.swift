import CLibXML2
import Foundation

extension PlainText {
    /// Accumulates rendered UTF-8 line by line, straight into the storage of the string being made: no intermediate
    /// array, no copy. The storage has a fixed capacity; a write that does not fit sets ``overflowed`` and
    /// ``PlainText/rendering(capacity:_:)`` starts again with more room (rendering HTML never makes text longer than its
    /// source, so for fragments the first capacity always suffices).
    struct Builder {
        private let output: UnsafeMutableBufferPointer<UInt8>
        private(set) var written = 0
        private(set) var overflowed = false
        var lineStart = 0
        var pendingSpace = false
        /// The pending white space held a line break: between two CJK characters it then renders as nothing.
        var pendingBreak = false
        var lastWasCJK = false
        /// A line break waits for the next text: breaks are written only once text follows them, so an element that
        /// turns out to hold no text can take back the breaks it asked for.
        var breakPending = false
        /// The pending break closes a paragraph (`</p>`, or a `<p>` libxml2 closed because a table started).
        var breakEndsParagraph = false
        /// Only text-less blocks (an ad table, an image in a `<div>`) came between that paragraph's end and now.
        var bridged = false
        /// Runs of text written so far: a block whose walk leaves it unchanged held no text.
        var runs = 0
        /// Nodes left out of the text (``Boilerplate/marks(under:article:)``).
        var skipped: Set<xmlNodePtr> = []
        /// The cut-out CDATA sections of the document being walked.
        var cdata: CDATASections?
        /// Element roles by interned name pointer (libxml2 interns names per document).
        var roles: [UnsafePointer<xmlChar>: ElementRole] = [:]

        init(into output: UnsafeMutableBufferPointer<UInt8>) {
            self.output = output
        }

        @inline(__always)
        private mutating func write(_ byte: UInt8) {
            guard written < output.count else {
                overflowed = true
                return
            }
            output[written] = byte
            written &+= 1
        }

        @inline(__always)
        private mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard bytes.count <= output.count - written else {
                overflowed = true
                return
            }
            guard let source = bytes.baseAddress, let target = output.baseAddress else { return }
            (target + written).update(from: source, count: bytes.count)
            written &+= bytes.count
        }

        /// Drops a line break left at the very end; returns the length of the text.
        mutating func finish() -> Int {
            if written > 0, output[written - 1] == 0x0A { written -= 1 }
            return written
        }

        mutating func walk(_ node: xmlNodePtr) {
            if !skipped.isEmpty, skipped.contains(node) { return }
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content {
                    if node.pointee.type == XML_CDATA_SECTION_NODE,
                        cdata?.withSection(markedBy: content, { append($0, keepBreaks: false) }) != nil
                    {
                        return
                    }
                    append(UnsafeBufferPointer(start: content, count: strlen(content)), keepBreaks: false)
                }
            case XML_ELEMENT_NODE, XML_DOCUMENT_NODE, XML_HTML_DOCUMENT_NODE:
                let role = self.role(node)
                if role == .dropped { return }
                let isBlock = role == .block || role == .paragraph
                let before = isBlock ? LineState(self) : nil
                if isBlock || role == .lineBreak { lineBreak() }
                var child = node.pointee.children
                while let current = child {
                    walk(current)
                    child = current.pointee.next
                }
                if let before, runs == before.runs {
                    // A block with no text (an ad table or an image box inside a paragraph, which libxml2 closes
                    // when the table starts) breaks nothing: the paragraph's text goes on after it.
                    before.restore(into: &self)
                    if breakPending && breakEndsParagraph { bridged = true }
                } else if isBlock {
                    lineBreak()
                    breakEndsParagraph = role == .paragraph
                } else if role == .cell {
                    pendingSpace = true
                }
            default:
                break
            }
        }

        /// What a text-less block restores when it is done.
        struct LineState {
            var pendingSpace: Bool
            var pendingBreak: Bool
            var lastWasCJK: Bool
            var breakPending: Bool
            var breakEndsParagraph: Bool
            var bridged: Bool
            var runs: Int

            init(_ builder: Builder) {
                pendingSpace = builder.pendingSpace
                pendingBreak = builder.pendingBreak
                lastWasCJK = builder.lastWasCJK
                breakPending = builder.breakPending
                breakEndsParagraph = builder.breakEndsParagraph
                bridged = builder.bridged
                runs = builder.runs
            }

            func restore(into builder: inout Builder) {
                builder.pendingSpace = pendingSpace
                builder.pendingBreak = pendingBreak
                builder.lastWasCJK = lastWasCJK
                builder.breakPending = breakPending
                builder.breakEndsParagraph = breakEndsParagraph
                builder.bridged = bridged
            }
        }

        mutating func role(_ node: xmlNodePtr) -> ElementRole {
            guard let name = node.pointee.name else { return .inline }
            if let known = roles[name] { return known }
            let text = String(cString: name).lowercased()
            let role: ElementRole
            if PlainText.droppedElements.contains(text) {
                role = .dropped
            } else if text == "p" {
                role = .paragraph
            } else if text == "br" || text == "hr" {
                role = .lineBreak
            } else if PlainText.blockElements.contains(text) {
                role = .block
            } else {
                role = text == "td" || text == "th" ? .cell : .inline
            }
            roles[name] = role
            return role
        }

        /// Appends valid UTF-8 text, folding white space; with `keepBreaks`, a line feed ends the line. Runs of
        /// non-space characters are found by their lead bytes alone and copied in one piece; only a run's first and
        /// last characters are decoded, for the CJK rule.
        mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, keepBreaks: Bool) {
            guard let base = bytes.baseAddress else { return }
            let count = bytes.count
            var index = 0
            while index < count {
                let spaceLength = UTF8Characters.spaceLength(base, at: index, count: count)
                if spaceLength > 0 {
                    let byte = base[index]
                    // A carriage return alone is a line break too (libxml2 turns it into one in parsed text;
                    // CDATA read raw still has it).
                    if keepBreaks, byte == 0x0A || byte == 0x0D {
                        lineBreak()
                    } else if written > lineStart {
                        if !pendingSpace { pendingBreak = false }
                        pendingSpace = true
                        if byte == 0x0A || byte == 0x0D { pendingBreak = true }
                    }
                    index += spaceLength
                    continue
                }
                let runStart = index
                var lastStart = index
                while index < count {
                    let lead = base[index]
                    // Most of a Chinese text: leads from E4 up (CJK ideographs, full-width punctuation) never start
                    // white space.
                    if lead >= 0xE4 {
                        lastStart = index
                        index &+= lead < 0xF0 ? 3 : 4
                        continue
                    }
                    if lead < 0x80 {
                        if lead == 0x20 || (lead >= 0x09 && lead <= 0x0D) { break }
                        lastStart = index
                        index += 1
                    } else {
                        if UTF8Characters.mayBeSpace(lead),
                            UTF8Characters.spaceLength(base, at: index, count: count) > 0
                        {
                            break
                        }
                        lastStart = index
                        index &+= UTF8Characters.sequenceLength(lead)
                    }
                }
                // A sequence cut off by the end of the text (never in valid UTF-8) stops at the end.
                index = Swift.min(index, count)
                if breakPending { writePendingBreak() }
                if pendingSpace {
                    if written > lineStart,
                        !(pendingBreak && lastWasCJK
                            && Self.isCJK(UTF8Characters.scalar(base, at: runStart, count: count)))
                    {
                        write(0x20)
                    }
                    pendingSpace = false
                    pendingBreak = false
                }
                write(UnsafeBufferPointer(start: base + runStart, count: index - runStart))
                runs &+= 1
                lastWasCJK = Self.isCJK(UTF8Characters.scalar(base, at: lastStart, count: count))
            }
        }

        /// Asks for a line break before the next text (white space up to that text is dropped).
        mutating func lineBreak() {
            if written > lineStart { breakPending = true }
            breakEndsParagraph = false
            bridged = false
        }

        /// Writes the break the next text waits for, unless only text-less blocks came after the end of a paragraph
        /// and the text is not in a block of its own: the paragraph then goes on (不超过3<table>…</table>200万元 is
        /// 3200万元). White space that held a source line break is dropped at the join.
        private mutating func writePendingBreak() {
            breakPending = false
            if bridged && breakEndsParagraph {
                if pendingBreak { pendingSpace = false }
                pendingBreak = false
                bridged = false
                breakEndsParagraph = false
                return
            }
            pendingSpace = false
            pendingBreak = false
            lastWasCJK = false
            write(0x0A)
            lineStart = written
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
