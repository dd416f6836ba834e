import Foundation

/// Runs the built `selfbuy` binary and captures what it prints.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutBytes: [UInt8]
    }

    /// The folder the test products were built into (it holds the `selfbuy` executable).
    static let productsDirectory: URL = {
        var url = Bundle.module.bundleURL
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("selfbuy").path) { return url }
        }
        fatalError("the selfbuy executable was not built next to the tests")
    }()

    static var executable: URL { productsDirectory.appendingPathComponent("selfbuy") }

    /// The repository root (for the bundled samples).
    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name).path
    }

    var environment: [String: String] = [:]
    var directory: URL? = nil
    /// Another copy of the binary to run (an installed one) instead of the built one.
    var binary: URL? = nil

    /// A process started in the background; its output is collected in files.
    struct Running {
        let process: Process
        let stdoutPath: String
        let stderrPath: String

        func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

        /// Waits for the exit, at most `seconds`; nil when it did not exit in time (it is then killed).
        func wait(seconds: Double) -> Int32? {
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning, Date() < deadline { usleep(20_000) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return nil
            }
            return process.terminationStatus
        }

        var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
        var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
    }

    /// A `selfbuy` process with this CLI's environment and working directory.
    private func process(_ arguments: [String]) -> Process {
        let process = Process()
        process.executableURL = binary ?? Self.executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        return process
    }

    func start(_ arguments: [String], outputIn folder: String) throws -> Running {
        let process = process(arguments)
        let name = UUID().uuidString
        let out = folder + "/\(name).out"
        let err = folder + "/\(name).err"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: out)
        process.standardError = FileHandle(forWritingAtPath: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Running(process: process, stdoutPath: out, stderrPath: err)
    }

    /// Runs to the end; `stdoutFile` (such as `/dev/full`) receives standard output instead of the captured pipe.
    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil, stdoutFile: String? = nil) throws -> Result {
        let process = process(arguments)
        let out = Pipe()
        let err = Pipe()
        if let stdoutFile {
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutFile))
            try out.fileHandleForWriting.close()
        } else {
            process.standardOutput = out
        }
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), stdoutBytes: [UInt8](outData))
    }
}

/// A temporary folder for one test's database and outputs.
final class Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("selfbuy-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}
