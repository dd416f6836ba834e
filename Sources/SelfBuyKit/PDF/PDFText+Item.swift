import Foundation

extension PDFText {
    /// The PDF as one item: its title (the Title metadata unless it is a placeholder or a file name, else the first
    /// line), its date (CreationDate, else ModDate, in China time) and its text with wrapped lines joined.
    public func item(url: URL?) -> FeedItem {
        let text = PDFParagraphs.join(pages)
        let stamp = created ?? modified
        return FeedItem(
            title: Self.meaningfulTitle(title) ?? Self.firstLine(of: text), link: url?.absoluteString,
            published: stamp.map { PublishedDate(epochSeconds: $0, offsetSeconds: CivilTime.chinaOffset) },
            text: text)
    }

    /// A Title metadata entry that names the document: `Microsoft Word - ` and a file extension are cut off, and
    /// what remains must say something.
    static func meaningfulTitle(_ title: String?) -> String? {
        guard var title = title?.trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
        for prefix in ["Microsoft Word - ", "Microsoft Word -", "WPS - "] where title.hasPrefix(prefix) {
            title.removeFirst(prefix.count)
        }
        for suffix in [".docx", ".doc", ".wps", ".pdf", ".rtf", ".txt"] where title.lowercased().hasSuffix(suffix) {
            title.removeLast(suffix.count)
        }
        title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        let placeholders: Set<String> = ["untitled", "无标题", "无标题文档", "document", "title", "pdf"]
        guard !title.isEmpty, !placeholders.contains(title.lowercased()), title.contains(where: \.isLetter) else {
            return nil
        }
        return title
    }

    static func firstLine(of text: String) -> String? {
        let line = text.split(separator: "\n").lazy.map { $0.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty }
        return line.map { String($0.prefix(200)) }
    }
}
