import CPDFText
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs poppler in a child process, so that the caps hold whatever the PDF does: a wall-clock deadline (the child is
/// killed), a CPU-time limit and an address-space limit (the child dies), and a crash in poppler that kills only the
/// child. poppler itself has no cap on what a stream inflates to: two nested FlateDecode filters turn 7 KB into 4 GiB.
enum PDFSandbox {
    /// The records the child wrote, and how it ended.
    ///
    /// - Throws: ``PDFError/timedOut(seconds:)``, ``PDFError/readerDied(signal:memoryBudget:)``,
    ///   ``PDFError/readerUnavailable(_:)``.
    static func records(of bytes: [UInt8], limits: PDFLimits) throws -> [UInt8] {
        var descriptor: Int32 = -1
        let child = bytes.withUnsafeBufferPointer { buffer in
            selfbuy_pdf_spawn(
                buffer.baseAddress, buffer.count, Int32(clamping: limits.maxPages), limits.maxTextBytes,
                limits.memoryBudget, UInt32(limits.seconds.rounded(.up)) + 1, &descriptor)
        }
        guard child > 0 else { throw PDFError.readerUnavailable(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let output: [UInt8]
        do {
            output = try collect(descriptor, limits: limits)
        } catch {
            kill(child, SIGKILL)
            _ = reap(child)
            throw error
        }
        let status = reap(child)
        // A child that died of its CPU limit (SIGXCPU, then SIGKILL at the hard limit) ran out of time.
        if let signal = status.map({ $0 & 0x7F }), signal != 0, signal != 0x7F {
            if signal == SIGXCPU || signal == SIGKILL { throw PDFError.timedOut(seconds: limits.seconds) }
            throw PDFError.readerDied(signal: signal, memoryBudget: limits.memoryBudget)
        }
        return output
    }

    /// Reads the pipe until the child closes it, the deadline passes, or more arrives than the caps allow.
    private static func collect(_ descriptor: Int32, limits: PDFLimits) throws -> [UInt8] {
        let start = DispatchTime.now().uptimeNanoseconds
        let budget = UInt64(limits.seconds * 1e9)
        // Text, page records and metadata: a reader that sends more is not the reader.
        let cap = limits.maxTextBytes + 5 * (limits.maxPages + 8) + 4096
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let elapsed = DispatchTime.now().uptimeNanoseconds - start
            guard elapsed < budget else { throw PDFError.timedOut(seconds: limits.seconds) }
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(clamping: (budget - elapsed) / 1_000_000 + 1)
            let ready = poll(&request, 1, milliseconds)
            if ready < 0, errno == EINTR { continue }
            if ready < 0 { throw PDFError.readerUnavailable(String(cString: strerror(errno))) }
            if ready == 0 { continue }
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count < 0 { throw PDFError.readerUnavailable(String(cString: strerror(errno))) }
            if count == 0 { return output }
            output.append(contentsOf: chunk[0..<count])
            if output.count > cap { throw PDFError.damaged("reader output over \(cap) bytes") }
        }
    }

    /// Waits for the child; its wait status, or nil when someone else reaped it.
    private static func reap(_ child: pid_t) -> Int32? {
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 {
            if errno != EINTR { return nil }
        }
        return status
    }
}
