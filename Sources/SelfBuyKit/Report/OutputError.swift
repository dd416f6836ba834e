import Foundation

/// Why output could not be written: the destination cannot hold a file, or a write failed.
public enum OutputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The output file cannot be created or replaced: a missing folder, a directory, a device (exit 73).
    case cannotCreate(path: String, problem: String)
    /// A write, flush or rename failed with `errno`; `path` is nil for standard output (exit 74).
    case write(path: String?, errno: Int32)

    public var description: String {
        switch self {
        case .cannotCreate(let path, let problem): return "\(path): \(problem)"
        case .write(let path, let code):
            return (path.map { "\($0): " } ?? "") + "write error: " + Self.reason(code)
        }
    }

    public var exitStatus: Int32 {
        switch self {
        case .cannotCreate: return ExitStatus.cannotCreate
        case .write: return ExitStatus.ioError
        }
    }

    /// The system's text for an `errno` value ("No space left on device").
    public static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
