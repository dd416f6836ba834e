import Foundation

/// Buffered output of an export, to standard output or to a file replaced atomically (``AtomicFile``): a failed
/// export never leaves half a file, nor a temporary one.
public final class ExportSink {
    private let file: AtomicFile?
    private var buffer: [UInt8] = []

    /// - Parameters:
    ///   - path: the output file, or nil for standard output.
    ///   - protected: files the export must never replace (the timeline's own files).
    /// - Throws: ``OutputError/cannotCreate(path:problem:)`` when the file cannot be created there.
    public init(path: String?, protecting protected: [String] = []) throws {
        file = try path.map { try AtomicFile(path: $0, protecting: protected) }
        buffer.reserveCapacity(1 << 20)
    }

    /// - Throws: ``OutputError/write(path:errno:)`` when a buffer-full could not be written.
    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Lets `fill` append bytes to the buffer itself (a CSV record, without a string in between).
    ///
    /// - Throws: ``OutputError/write(path:errno:)`` when a buffer-full could not be written.
    public func append(_ fill: (inout [UInt8]) -> Void) throws {
        fill(&buffer)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        if let file {
            try file.write(buffer)
        } else {
            try StandardOutput.write(buffer)
        }
    }

    /// Writes what is buffered and puts the file in place.
    ///
    /// - Throws: ``OutputError``; a file destination is then left as it was.
    public func finish() throws {
        do {
            try flush()
            try file?.commit()
        } catch {
            discard()
            throw error
        }
    }

    /// Gives the export up: the temporary file is removed and the destination left as it was.
    public func discard() {
        file?.discard()
    }
}
