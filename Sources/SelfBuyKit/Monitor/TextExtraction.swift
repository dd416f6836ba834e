import Foundation
import SelfBuyDetection

/// Reads pledges from one text or HTML input, as `selfbuy extract` does: HTML goes through the markup stage, plain
/// text is read as is with a short first line taken as its title.
public struct TextExtraction: Sendable {
    public var detector: PledgeDetector

    public init(detector: PledgeDetector = .standard) {
        self.detector = detector
    }

    /// - Parameter date: the announcement date, overriding any the document states.
    public func pledges(in bytes: [UInt8], url: URL?, date: String?) throws -> [Pledge] {
        try detection(in: bytes, url: url, date: date).pledges
    }

    /// The pledges and the near misses (sentences that looked like a self-purchase and gave no pledge, with why).
    public func detection(in bytes: [UInt8], url: URL?, date: String?) throws -> Detection {
        if SourceReader.isPDF(bytes) {
            // A PDF is read as the one item it is, sniffed by content (its bytes would look binary or like markup).
            let item = try SourceReader().readPDF(bytes, url: url)
            return detector.review(item.text, documentDate: date ?? item.published?.localDay(), title: item.title)
        }
        let decoded = TextDecoder.decode(bytes)
        if Self.hasMarkup(decoded.utf8) {
            let parsed = try SourceReader().read(bytes, url: url)
            var result = Detection(pledges: [], nearMisses: [])
            for item in parsed.items {
                let found = detector.review(
                    item.text, documentDate: date ?? item.published?.localDay(), title: item.title)
                result.pledges += found.pledges
                result.nearMisses += found.nearMisses
            }
            return result
        }
        if SourceReader.looksBinary(bytes) { throw MarkupError.binary }
        return detector.review(decoded.text, documentDate: date, title: Self.title(of: decoded.text))
    }

    /// Whether the input has tags (`<p`, `</div`, `<!doctype`, `<?xml`): plain text is read as it is, its line breaks
    /// kept as sentence ends, instead of being folded away by an HTML reading.
    static func hasMarkup(_ utf8: [UInt8]) -> Bool {
        let head = utf8.prefix(64 * 1024)
        var index = head.startIndex
        while let open = head[index...].firstIndex(of: UInt8(ascii: "<")) {
            let next = open + 1
            guard next < head.endIndex else { return false }
            let byte = head[next] | 0x20
            if (byte >= 0x61 && byte <= 0x7A) || head[next] == UInt8(ascii: "!") || head[next] == UInt8(ascii: "/")
                || head[next] == UInt8(ascii: "?")
            {
                return true
            }
            index = next
        }
        return false
    }

    /// A first line short enough and without a sentence end is a title.
    static func title(of text: String) -> String? {
        guard let first = text.split(separator: "\n", maxSplits: 1).first else { return nil }
        let line = first.trimmingCharacters(in: .whitespaces)
        guard !line.isEmpty, line.count <= 80, !line.contains("。"), text.contains("\n") else { return nil }
        return line
    }
}
