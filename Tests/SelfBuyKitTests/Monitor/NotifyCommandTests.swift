import Foundation
import Testing

@testable import SelfBuyKit

/// The runner of `--notify-exec` commands: input on standard input, a time limit that ends the whole process group.
@Suite("notification commands")
struct NotifyCommandTests {
    @Test("the command reads the JSON on standard input and its exit status is reported")
    func input() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let sink = folder.appendingPathComponent("in.json").path
        let outcome = await NotifyCommand.run("cat > '\(sink)'; exit 3", input: "{\"a\": 1}", timeout: 5)
        #expect(outcome == .exited(3))
        #expect(try String(contentsOfFile: sink, encoding: .utf8) == "{\"a\": 1}\n")
    }

    @Test("a command that ignores a large input ends normally: EPIPE, never SIGPIPE for selfbuy")
    func ignoredInput() async {
        let big = String(repeating: "自购", count: 200_000)
        #expect(await NotifyCommand.run("true", input: big, timeout: 5) == .exited(0))
    }

    @Test("a command past its time limit is stopped with everything it started")
    func timeout() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let late = folder.appendingPathComponent("late").path
        let (outcome, lifetime) = await NotifyCommand.runMeasured(
            "(sleep 2; touch '\(late)') & sleep 30", input: "{}", timeout: 0.5)
        #expect(outcome == .timedOut)
        // Stopped at its limit, not after the 30 s it would run (measured where the command is reaped: the test may
        // wait longer for a free thread while other suites run).
        #expect(lifetime < 5)
        try await Task.sleep(nanoseconds: 2_500_000_000)
        #expect(!FileManager.default.fileExists(atPath: late))
    }

    @Test("cancelling a delivery (shutdown) kills the command at once")
    func cancelled() async {
        let task = Task { await NotifyCommand.run("sleep 30", input: "{}", timeout: 60) }
        try? await Task.sleep(nanoseconds: 300_000_000)
        task.cancel()
        let outcome = await task.value
        #expect(outcome == .killed(signal: SIGKILL))
    }
}
