import Foundation
import SelfBuyDetection

/// Reads pledges from one text or HTML input, as `selfbuy extract` does: HTML goes through the markup stage, plain
/// text is read as is with a short first line taken as its title.
public struct TextExtraction: Sendable {
    public var detector: PledgeDetector

    public init(detector: PledgeDetector = PledgeDetector()) {
        self.detector = detector
    }

    /// - Parameter date: the announcement date, overriding any the document states.
    public func pledges(in bytes: [UInt8], url: URL?, date: String?) throws -> [Pledge] {
        let decoded = TextDecoder.decode(bytes)
        if SourceReader.sniff(decoded.utf8) == .html || decoded.text.contains("<p") || decoded.text.contains("<div") {
            let parsed = try SourceReader().read(bytes, url: url)
            return parsed.items.flatMap { item in
                detector.detect(
                    item.text, documentDate: date ?? item.published?.localDay(), title: item.title)
            }
        }
        if SourceReader.looksBinary(bytes) { throw MarkupError.binary }
        return detector.detect(decoded.text, documentDate: date, title: Self.title(of: decoded.text))
    }

    /// A first line short enough and without a sentence end is a title.
    static func title(of text: String) -> String? {
        guard let first = text.split(separator: "\n", maxSplits: 1).first else { return nil }
        let line = first.trimmingCharacters(in: .whitespaces)
        guard !line.isEmpty, line.count <= 80, !line.contains("。"), text.contains("\n") else { return nil }
        return line
    }
}
