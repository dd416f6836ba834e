import Foundation

/// Buffered output to a file (written to a temporary file and moved into place at the end, so a failed export never
/// leaves half a file) or to standard output.
public final class ExportSink {
    private let handle: FileHandle
    private let temporary: String?
    private let destination: String?
    private var buffer: [UInt8] = []

    public init(path: String?) throws {
        if let path {
            let temporary = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
            guard FileManager.default.createFile(atPath: temporary, contents: nil),
                let handle = FileHandle(forWritingAtPath: temporary)
            else { throw CocoaError(.fileWriteNoPermission) }
            self.handle = handle
            self.temporary = temporary
            destination = path
        } else {
            handle = FileHandle.standardOutput
            temporary = nil
            destination = nil
        }
        buffer.reserveCapacity(1 << 20)
    }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    public func finish() throws {
        flush()
        guard let temporary, let destination else { return }
        try handle.close()
        if FileManager.default.fileExists(atPath: destination) {
            try FileManager.default.removeItem(atPath: destination)
        }
        try FileManager.default.moveItem(atPath: temporary, toPath: destination)
    }
}
