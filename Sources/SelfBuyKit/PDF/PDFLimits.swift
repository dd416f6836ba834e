/// The caps on reading one PDF: what a hostile or broken document can cost before it is refused or cut short.
///
/// Fund companies' notices are one to five pages and well under 2 MB; half-yearly and annual reports run to a few
/// hundred pages, of which the first hundred say whatever a pledge would.
public struct PDFLimits: Sendable, Equatable {
    /// A larger PDF is refused before it is opened.
    public var maxBytes: Int
    /// Pages past this one are not read (the text of the first ones is kept).
    public var maxPages: Int
    /// UTF-8 bytes of text kept; reading stops there.
    public var maxTextBytes: Int
    /// Wall-clock time for the whole reading; past it the reader is killed and the PDF refused.
    public var seconds: Double
    /// Address space the reader may map beyond what it starts with; past it the reader dies and the PDF is refused.
    public var memoryBudget: Int

    public init(
        maxBytes: Int = 16 * 1024 * 1024, maxPages: Int = 100, maxTextBytes: Int = 4 * 1024 * 1024,
        seconds: Double = 5, memoryBudget: Int = 512 * 1024 * 1024
    ) {
        self.maxBytes = maxBytes
        self.maxPages = maxPages
        self.maxTextBytes = maxTextBytes
        self.seconds = seconds
        self.memoryBudget = memoryBudget
    }

    public static let standard = PDFLimits()
}
