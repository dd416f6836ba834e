import Foundation

/// Headless Chromium (Debian's `chromium`) for the report's browser tests; `$SELFBUY_CHROMIUM` names another binary.
enum Browser {
    /// The browser found on PATH, or nil (the browser tests are then skipped, saying why).
    static let executable: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let named = environment["SELFBUY_CHROMIUM"], FileManager.default.isExecutableFile(atPath: named) {
            return named
        }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
                return folder + "/" + name
            }
        }
        return nil
    }()

    static var isAvailable: Bool { executable != nil }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String

        /// Messages the page wrote to its console (errors, uncaught exceptions, blocked loads), as Chromium logs them
        /// with `--enable-logging=stderr`.
        var consoleMessages: [String] {
            stderr.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") }
        }
    }

    /// Loads `page` headless, in a profile of its own under `folder`, with `arguments` (`--dump-dom`,
    /// `--screenshot=…`); killed after `seconds`.
    static func load(_ page: String, _ arguments: [String], profile folder: String, seconds: Double = 90) throws -> Run
    {
        guard let executable else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                "--user-data-dir=\(folder)/profile", "--enable-logging=stderr", "--v=0",
            ] + arguments + [URL(fileURLWithPath: page).absoluteString]
        let out = folder + "/browser.out"
        let err = folder + "/browser.err"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: out)
        process.standardError = FileHandle(forWritingAtPath: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        return Run(
            status: process.terminationStatus,
            stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    /// Width and height from a PNG's header, or nil when the bytes are not a PNG.
    static func pngSize(_ path: String) -> (width: Int, height: Int)? {
        guard let data = FileManager.default.contents(atPath: path), data.count > 24 else { return nil }
        let bytes = [UInt8](data.prefix(24))
        guard bytes.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { return nil }
        func number(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (number(16), number(20))
    }
}
