import SelfBuyDetection

/// Text made safe for HTML: every string from a feed is escaped, and only web and file addresses become links (a
/// `javascript:` URL in a feed must never become one).
enum HTMLText {
    /// Escapes `&`, `<`, `>`, `"` and `'`, for element content and quoted attributes alike.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A link to `url` when its scheme is http, https or file; the escaped text alone otherwise.
    static func link(_ url: String, text: String) -> String {
        let lowered = url.lowercased()
        guard ["http://", "https://", "file://"].contains(where: lowered.hasPrefix) else { return escape(text) }
        return "<a href=\"\(escape(url))\" rel=\"noreferrer\">\(escape(text))</a>"
    }

    /// The evidence sentence with each matched span in `<mark data-field="…">`; overlapping spans are merged into
    /// the first.
    static func marked(_ evidence: EventView.EvidenceView) -> String {
        let scalars = Array(evidence.text.unicodeScalars)
        var result = ""
        var position = 0
        for span in evidence.spans.sorted(by: { $0.start < $1.start }) where span.start >= position {
            let end = min(span.end, scalars.count)
            guard span.start < end else { continue }
            result += escape(String(String.UnicodeScalarView(scalars[position..<span.start])))
            result += "<mark data-field=\"\(span.field.rawValue)\">"
            result += escape(String(String.UnicodeScalarView(scalars[span.start..<end])))
            result += "</mark>"
            position = end
        }
        result += escape(String(String.UnicodeScalarView(scalars[position...])))
        return result
    }
}
