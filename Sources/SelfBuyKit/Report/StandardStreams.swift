import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes to a file descriptor with write(2), retrying interrupted and partial writes.
///
/// FileHandle traps on a failed write (`try!` inside Foundation), so a full disk or a closed pipe must never reach it.
enum DescriptorWriter {
    /// Writes every byte; returns 0, or the `errno` of the write that failed.
    static func write(_ bytes: some Collection<UInt8>, to descriptor: Int32) -> Int32 {
        let result = bytes.withContiguousStorageIfAvailable { write($0, to: descriptor) }
        return result ?? Array(bytes).withUnsafeBufferPointer { write($0, to: descriptor) }
    }

    private static func write(_ buffer: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Int32 {
        guard var next = buffer.baseAddress else { return 0 }
        var remaining = buffer.count
        while remaining > 0 {
            let written = Foundation.write(descriptor, next, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if written == 0 { return EIO }
            next += written
            remaining -= written
        }
        return 0
    }
}

/// Standard output for command results: every failed write is an ``OutputError``, never a trap.
public enum StandardOutput {
    /// - Throws: ``OutputError/write(path:errno:)`` with a nil path.
    public static func write(_ text: String) throws {
        try write(Array(text.utf8))
    }

    /// - Throws: ``OutputError/write(path:errno:)`` with a nil path.
    public static func write(_ bytes: [UInt8]) throws {
        let code = DescriptorWriter.write(bytes, to: STDOUT_FILENO)
        if code != 0 { throw OutputError.write(path: nil, errno: code) }
    }
}

/// Standard error for diagnostics: best effort, since there is nowhere left to report its own failure.
public enum StandardError {
    public static func write(_ text: String) {
        _ = DescriptorWriter.write(Array(text.utf8), to: STDERR_FILENO)
    }
}
