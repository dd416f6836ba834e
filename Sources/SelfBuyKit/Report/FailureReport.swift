import Foundation

/// The one line (without the `selfbuy: ` prefix) and the exit status the tool reports for an error that reached it.
public struct FailureReport: Sendable, Equatable {
    public var message: String
    public var status: Int32

    public init(message: String, status: Int32) {
        self.message = message
        self.status = status
    }

    /// Classifies an error: output problems by their own status, a damaged or unwritable timeline as I/O (74), an
    /// unknown event as bad input data (65).
    public init(_ error: any Error) {
        switch error {
        case let error as OutputError:
            self.init(message: error.description, status: error.exitStatus)
        case let error as TimelineError:
            switch error {
            case .missing: self.init(message: error.description, status: ExitStatus.unavailable)
            case .noSuchEvent: self.init(message: error.description, status: ExitStatus.dataError)
            case .newerSchema, .unreadable, .storage: self.init(message: error.description, status: ExitStatus.ioError)
            }
        default:
            let nsError = error as NSError
            if nsError.domain == NSPOSIXErrorDomain || nsError.domain == NSCocoaErrorDomain {
                self.init(message: nsError.localizedDescription, status: ExitStatus.ioError)
            } else {
                self.init(message: "\(error)", status: ExitStatus.software)
            }
        }
    }

    /// A usage error as one line: the parser's message and where the command's help is, without the usage block.
    ///
    /// - Parameters:
    ///   - message: the short message (swift-argument-parser's `message(for:)`).
    ///   - fullMessage: the long one, whose `See 'selfbuy list --help'` names the command's help.
    public static func usage(message: String, fullMessage: String) -> FailureReport {
        var line =
            message.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? "usage error"
        if line.hasPrefix("Error: ") { line.removeFirst("Error: ".count) }
        if let start = fullMessage.range(of: "See '"),
            let end = fullMessage[start.upperBound...].firstIndex(of: "'")
        {
            line += " (see '\(fullMessage[start.upperBound..<end])')"
        }
        return FailureReport(message: line, status: ExitStatus.usage)
    }
}
