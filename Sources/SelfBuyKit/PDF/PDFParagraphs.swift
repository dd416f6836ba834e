/// Joins the lines of a PDF page back into paragraphs.
///
/// A PDF has no paragraphs, only lines placed where the writer wrapped them — inside sentences and inside amounts
/// (`运用固有资金不低于50\n00万元`). selfbuy reads a line break in plain text as a sentence end, so a line as wide as
/// the page's widest ones that does not end a sentence is joined to the next: CJK without a space, Latin words with
/// one. A short line (a title, a signature, a paragraph's last line), a sentence end and a blank line stay breaks.
enum PDFParagraphs {
    /// Lines narrower than this share of the page's widest line end their paragraph.
    static let fullLine = 0.85

    static func join(_ pages: [String]) -> String {
        pages.map(joinPage).filter { !$0.isEmpty }.joined(separator: "\n")
    }

    static func joinPage(_ page: String) -> String {
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.replacing("\r", with: "")).trimmingTrailingSpaces()
        }
        let widest = lines.map(width).max() ?? 0
        var paragraphs: [String] = []
        var current = ""
        var open = false
        for line in lines {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { paragraphs.append(current) }
                (current, open) = ("", false)
                continue
            }
            if open {
                if let last = current.unicodeScalars.last, let first = line.unicodeScalars.first,
                    isLatinLetter(last), isLatinLetter(first)
                {
                    current += " "
                }
                current += line
            } else {
                if !current.isEmpty { paragraphs.append(current) }
                current = line
            }
            open = Double(width(line)) >= fullLine * Double(widest) && !endsSentence(line)
        }
        if !current.isEmpty { paragraphs.append(current) }
        return paragraphs.joined(separator: "\n")
    }

    /// Display width: East Asian wide characters count two.
    static func width(_ line: String) -> Int {
        line.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default: return false
        }
    }

    private static func endsSentence(_ line: String) -> Bool {
        guard let last = line.unicodeScalars.last else { return true }
        return "。！？；：!?;:".unicodeScalars.contains(last)
    }

    private static func isLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value >= 0x41 && scalar.value <= 0x5A) || (scalar.value >= 0x61 && scalar.value <= 0x7A)
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
