import Foundation

/// Why a PDF gave no text: every message starts with "PDF" and names the cap or the fault.
public enum PDFError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooLarge(bytes: Int, limit: Int)
    /// A user password is needed (a PDF locked only against printing or copying is read).
    case encrypted
    /// poppler could not open it: a truncated file, garbage after the header, a broken cross-reference table.
    case damaged(String)
    /// The reader was still working when the time cap ran out: a decompression bomb or a pathological document.
    case timedOut(seconds: Double)
    /// The reader process died: over the memory cap, or a fault in poppler.
    case readerDied(signal: Int32, memoryBudget: Int)
    /// No reader process could be started (out of processes or memory).
    case readerUnavailable(String)
    /// poppler-glib could not be loaded in the reader process (not installed): the loader's reason, which names it.
    case popplerUnavailable(String)

    public var description: String {
        switch self {
        case .tooLarge(let bytes, let limit): return "PDF of \(bytes) bytes is over the \(limit)-byte cap"
        case .encrypted: return "PDF is encrypted: it needs a password to be read"
        case .damaged(let reason): return "PDF is damaged or not a PDF (poppler: \(reason))"
        case .timedOut(let seconds):
            return "PDF reading stopped at the \(Self.format(seconds)) s cap (a decompression bomb or a damaged file)"
        case .readerDied(let signal, let budget):
            return "PDF reader stopped by signal \(signal) (over the \(budget / 1_048_576) MiB memory cap, or a fault "
                + "in poppler)"
        case .readerUnavailable(let reason): return "PDF reader could not start: \(reason)"
        case .popplerUnavailable(let reason):
            return "PDF reader could not load poppler (Debian package libpoppler-glib8): \(reason)"
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }
}
