import CPDFText
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs poppler in a child process, so that the caps hold whatever the PDF does: a wall-clock deadline, a CPU-time
/// limit and an address-space limit (the child dies), and a crash in poppler that kills only the child. poppler itself
/// has no cap on what a stream inflates to: two nested FlateDecode filters turn 7 KB into 4 GiB. The child comes from
/// the reader process that CPDFText forks when it is loaded (`pdf_reader_process.c`): a child forked from this
/// multithreaded process could inherit a libc lock held forever.
enum PDFSandbox {
    /// The records the child wrote, and how it ended.
    ///
    /// - Throws: ``PDFError/timedOut(seconds:)``, ``PDFError/readerDied(signal:memoryBudget:)``,
    ///   ``PDFError/readerUnavailable(_:)``.
    static func records(of bytes: [UInt8], limits: PDFLimits) throws -> [UInt8] {
        var recordsDescriptor: Int32 = -1
        var statusDescriptor: Int32 = -1
        let started = bytes.withUnsafeBufferPointer { buffer in
            selfbuy_pdf_request(
                buffer.baseAddress, buffer.count, Int32(clamping: limits.maxPages), limits.maxTextBytes,
                limits.memoryBudget, UInt32(limits.seconds.rounded(.up)) + 1, &recordsDescriptor, &statusDescriptor)
        }
        guard started == 0 else {
            throw PDFError.readerUnavailable(
                errno == ECHILD ? "the PDF reader process is not running" : String(cString: strerror(errno)))
        }
        defer {
            close(recordsDescriptor)
            close(statusDescriptor)
        }
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(limits.seconds * 1e9)
        // Text, page records and metadata: a reader that sends more is not the reader.
        let cap = limits.maxTextBytes + 5 * (limits.maxPages + 8) + 4096
        let output = try collect(recordsDescriptor, upTo: cap, deadline: deadline, limits: limits)
        let statusBytes = try collect(statusDescriptor, upTo: 64, deadline: deadline, limits: limits)
        guard statusBytes.count == MemoryLayout<Int32>.size else { return output }
        let status = statusBytes.withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }
        if status == -1 { throw PDFError.readerUnavailable("no process could be started for the reader") }
        // A child that died of its CPU limit (SIGXCPU, then SIGKILL at the hard limit) or its alarm ran out of time.
        let signal = status & 0x7F
        if signal != 0, signal != 0x7F {
            if signal == SIGXCPU || signal == SIGKILL || signal == SIGALRM {
                throw PDFError.timedOut(seconds: limits.seconds)
            }
            throw PDFError.readerDied(signal: signal, memoryBudget: limits.memoryBudget)
        }
        return output
    }

    /// Reads a pipe until its writers close it, the deadline passes, or more than `cap` bytes arrive.
    private static func collect(
        _ descriptor: Int32, upTo cap: Int, deadline: UInt64, limits: PDFLimits
    ) throws -> [UInt8] {
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { throw PDFError.timedOut(seconds: limits.seconds) }
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(clamping: (deadline - now) / 1_000_000 + 1)
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
}
