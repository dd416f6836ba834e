import Foundation
import LoopbackServer
import Testing

/// Notification commands run off the polling path: one that ignores its input cannot kill selfbuy with SIGPIPE, a
/// slow one neither stalls polling nor delays shutdown beyond a few seconds.
@Suite("notification commands cannot harm polling", .serialized)
struct NotificationDeliveryTests {
    let scratch: Scratch

    init() throws {
        scratch = try Scratch()
    }

    static var samples: String { CLI.repositoryRoot.appendingPathComponent("feeds/samples").path }

    @Test("--notify-exec true (a command that never reads its input) never kills poll with SIGPIPE")
    func commandIgnoringInput() throws {
        for run in 0..<5 {
            let cli = CLI(environment: ["SELFBUY_DB": scratch.path("timeline-\(run).sqlite")])
            let result = try cli.run(["poll", "--feeds", Self.samples, "--notify-exec", "true"])
            #expect(result.status == 0, "run \(run): \(result.stderr)")
            #expect(result.stdout.contains("7 new events"), "run \(run)")
        }
    }

    @Test("a slow notification command stalls neither polling nor SIGTERM")
    func slowCommand() throws {
        let cli = CLI(environment: ["SELFBUY_DB": scratch.path("timeline.sqlite")])
        let folder = scratch.path("feeds")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let samples = try String(contentsOfFile: Self.samples + "/samples.toml", encoding: .utf8)
            .replacingOccurrences(of: "url = \"file://", with: "url = \"file://\(Self.samples)/")
        try Data(samples.utf8).write(to: URL(fileURLWithPath: folder + "/samples.toml"))
        let marker = scratch.path("notified")
        let daemon = try cli.start(
            ["daemon", "--feeds", folder, "--notify-exec", "touch '\(marker)'; sleep 15"], outputIn: scratch.url.path)
        #expect(FeedFolder.waitFor(seconds: 20) { FileManager.default.fileExists(atPath: marker) }, "\(daemon.stderr)")
        // Seven commands of 15 s each are queued now; a feed added meanwhile is still polled at once.
        let text = FeedFolder.rss(title: "嘉实基金自购", link: "https://news.example.cn/2", text: FeedFolder.jiashiText)
        let server = try LoopbackServer { _ in .ok(text) }
        try FeedFolder.write([("late", server.baseURL + "/late")], in: folder, file: "late.toml")
        daemon.signal(SIGHUP)
        #expect(FeedFolder.waitFor(seconds: 5) { !server.requests.isEmpty }, "\(daemon.stderr)")
        let sent = Date()
        daemon.signal(SIGTERM)
        let status = daemon.wait(seconds: 12)
        #expect(status == 0, "\(daemon.stderr)")
        #expect(Date().timeIntervalSince(sent) < 8, "\(daemon.stderr)")
        #expect(daemon.stderr.contains("notifications: gave up after 5.0 s"), "\(daemon.stderr)")
    }

    @Test("a reader that closes the pipe early (selfbuy export | head) ends selfbuy quietly by SIGPIPE")
    func closedStandardOutput() throws {
        let cli = CLI(environment: ["SELFBUY_DB": scratch.path("timeline.sqlite")])
        #expect(try cli.run(["poll", "--feeds", Self.samples]).status == 0)
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["export", "--format", "jsonl"]
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["SELFBUY_DB": scratch.path("timeline.sqlite")]
        ) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try out.fileHandleForReading.close()
        try process.run()
        try out.fileHandleForWriting.close()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == SIGPIPE)
        #expect(errors.isEmpty, "\(String(decoding: errors, as: UTF8.self))")
    }
}
