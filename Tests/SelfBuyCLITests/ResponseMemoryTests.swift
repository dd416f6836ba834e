import Foundation
import LoopbackServer
import Testing

/// Whether these tests (and so the binary next to them) were built with a sanitizer, whose shadow memory and
/// quarantine make a resident-size bound meaningless.
private let sanitizedBuild: Bool = {
    guard let handle = dlopen(nil, RTLD_NOW) else { return false }
    defer { dlclose(handle) }
    return dlsym(handle, "__asan_init") != nil || dlsym(handle, "__tsan_init") != nil
}()

private let pythonForMeasures = ["/usr/bin/python3", "/usr/local/bin/python3"].first {
    FileManager.default.isExecutableFile(atPath: $0)
}

/// The response cap bounds memory, not only what is kept: the real binary fetches a huge body and a gzip bomb over
/// 127.0.0.1 and its peak resident size (the kernel's, through python3's getrusage of its child) stays near its
/// baseline plus the 64 MiB cap of parse. Through URLSession the same fetches peaked at 107–317 MB and over 1 GB.
@Suite(
    "A huge or gzip-bomb response is refused at the cap holding no more than the cap",
    .enabled(if: pythonForMeasures != nil, "python3 measures the child's peak memory"))
struct ResponseMemoryTests {
    static let python = pythonForMeasures

    /// Peak resident size allowed: the binary's own (about 40 MB with its tables) plus the 64 MiB cap of parse and slack.
    static let peakLimitKiB = 120 * 1024

    /// Runs `selfbuy arguments` under python3 and returns its exit status, standard error and peak RSS in KiB.
    static func measured(_ arguments: [String]) throws -> (status: Int32, stderr: String, peakKiB: Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python!)
        let script = """
            import resource, subprocess, sys
            done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            sys.stdout.write("%d\\n" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            sys.stderr.buffer.write(done.stderr)
            sys.exit(done.returncode)
            """
        process.arguments = ["-c", script, CLI.executable.path] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let peak = Int(String(decoding: outData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        return (process.terminationStatus, String(decoding: errData, as: UTF8.self), peak)
    }

    /// `megabytes` MiB of zeros, gzip-compressed by python3's zlib (about 1 KiB per MiB).
    static func gzipBomb(megabytes: Int) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python!)
        let script = """
            import sys, zlib
            packer = zlib.compressobj(6, zlib.DEFLATED, 31)
            zeros = bytes(1 << 20)
            for _ in range(int(sys.argv[1])):
                sys.stdout.buffer.write(packer.compress(zeros))
            sys.stdout.buffer.write(packer.flush())
            """
        process.arguments = ["-c", script, String(megabytes)]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }

    @Test(
        "a 256 KiB gzip body inflating to 256 MiB is refused at the 64 MiB cap of parse, the process staying under 120 MiB"
    )
    func gzipBombIsStoppedAtTheCap() throws {
        let bomb = try Self.gzipBomb(megabytes: 256)
        #expect(bomb.count < 1024 * 1024)
        let server = try LoopbackServer { _ in
            .respond(
                status: 200, headers: [("Content-Type", "application/rss+xml"), ("Content-Encoding", "gzip")],
                body: bomb)
        }
        let url = server.baseURL + "/bomb.xml"
        let run = try Self.measured(["parse", url])
        #expect(run.status != 0)
        #expect(run.stderr.contains("\(url): response larger than 67108864 bytes, cut off"))
        if !sanitizedBuild { #expect(run.peakKiB > 0 && run.peakKiB < Self.peakLimitKiB, "peak \(run.peakKiB) KiB") }
    }

    @Test("a 256 MiB streamed body is cut at the 64 MiB cap of parse, the process staying under 120 MiB")
    func hugeBodyIsCutAtTheCap() throws {
        let server = try LoopbackServer { _ in
            .stream(status: 200, headers: [("Content-Type", "application/rss+xml")], bytes: 256 * 1024 * 1024)
        }
        let url = server.baseURL + "/huge.xml"
        let run = try Self.measured(["parse", url])
        #expect(run.status != 0)
        #expect(run.stderr.contains("\(url): response larger than 67108864 bytes, cut off"))
        if !sanitizedBuild { #expect(run.peakKiB > 0 && run.peakKiB < Self.peakLimitKiB, "peak \(run.peakKiB) KiB") }
    }
}
