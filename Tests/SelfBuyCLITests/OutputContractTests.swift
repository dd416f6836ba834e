import Foundation
import Testing

/// What the command-line contract promises of outputs: every listed `--format` works, a BOM only where Excel needs
/// one, machine-readable output when piped, `--db` before or after the subcommand, each new event reported once.
@Suite("outputs keep the command-line contract")
struct OutputContractTests {
    let scratch: Scratch
    let cli: CLI
    var samples: String { CLI.repositoryRoot.appendingPathComponent("feeds/samples").path }

    init() throws {
        scratch = try Scratch()
        cli = CLI(environment: ["SELFBUY_DB": scratch.path("timeline.sqlite")])
    }

    @Test("poll with a notification command prints each new event once (stdout), not again in the log")
    func eachEventOnce() throws {
        let result = try cli.run(["poll", "--feeds", samples, "--notify-exec", "cat > /dev/null"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = result.stdout + result.stderr
        #expect(output.components(separatedBy: "new event ev-8bb115ff99e3").count - 1 == 1, "\(output)")
    }

    @Test(
        "every --format value a command's help lists is accepted",
        arguments: [
            ["list"], ["summary"], ["export"], ["show", "ev-8bb115ff99e3"],
            ["extract", CLI.fixture("outputs/e-undated.txt")],
        ])
    func listedFormatsWork(command: [String]) throws {
        #expect(try cli.run(["poll", "--feeds", samples]).status == 0)
        let help = try cli.run([command[0], "--help"]).stdout.replacingOccurrences(of: "\n", with: " ")
        let listed = try #require(
            help.range(of: #"--format <format>.*?\(values: ([a-z, ]+)"#, options: .regularExpression))
        let values = help[listed].split(separator: "(values: ").last!.split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        #expect(values.count >= 2, "\(help)")
        for value in values {
            let result = try cli.run(command + ["--format", value])
            #expect(result.status == 0, "\(command) --format \(value): \(result.stderr)")
            #expect(!result.stdout.isEmpty, "\(command) --format \(value)")
        }
    }

    @Test("log lines are stamped in China time (+08:00) like every other time selfbuy prints")
    func logsInChinaTime() throws {
        let result = try cli.run(["poll", "--feeds", samples])
        #expect(result.status == 0)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 3, "\(result.stderr)")
        for line in lines {
            #expect(
                HTMLScan.count(#"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00 warning selfbuy: sample-"#, in: String(line))
                    == 1,
                "\(line)")
        }
        let quiet = try cli.run(["poll", "--all", "--feeds", samples, "--log-level", "error"])
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")
    }

    @Test("list --format jsonl prints one JSON object per event")
    func listJSONLines() throws {
        #expect(try cli.run(["poll", "--feeds", samples]).status == 0)
        let result = try cli.run(["list", "--format", "jsonl"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 7)
        for line in lines { #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any]) }
    }

    @Test("export --excel puts a byte-order mark before CSV only; JSON stays parseable")
    func byteOrderMarkOnlyForCSV() throws {
        #expect(try cli.run(["poll", "--feeds", samples]).status == 0)
        for format in ["json", "jsonl"] {
            let result = try cli.run(["export", "--excel", "--format", format])
            #expect(result.status == 0)
            #expect(result.stdoutBytes.first == UInt8(ascii: format == "json" ? "[" : "{"), "\(format)")
        }
        let json = try cli.run(["export", "--excel", "--format", "json"])
        #expect(try JSONSerialization.jsonObject(with: Data(json.stdoutBytes)) is [Any])
        let csv = try cli.run(["export", "--excel"])
        #expect(Array(csv.stdoutBytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
    }

    @Test("feeds status piped is JSON; --format table keeps the table")
    func feedsStatusPiped() throws {
        #expect(try cli.run(["poll", "--feeds", samples]).status == 0)
        let piped = try cli.run(["feeds", "status", "--feeds", samples])
        #expect(piped.status == 0)
        let parsed = try JSONSerialization.jsonObject(with: Data(piped.stdout.utf8))
        #expect(parsed is [Any] || parsed is [String: Any], "\(piped.stdout)")
        let table = try cli.run(["feeds", "status", "--feeds", samples, "--format", "table"])
        #expect(table.stdout.hasPrefix("feed "))
    }

    @Test("show piped is the event's JSON, the same object list gives")
    func showPiped() throws {
        #expect(try cli.run(["poll", "--feeds", samples]).status == 0)
        let shown = try cli.run(["show", "ev-8bb115ff99e3"])
        #expect(shown.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? NSDictionary)
        let listed = try #require(
            try JSONSerialization.jsonObject(with: Data(try cli.run(["list", "--month", "2025-08"]).stdout.utf8))
                as? [NSDictionary])
        #expect(listed == [object])
    }

    @Test("--unit applies to every table: show and extract too")
    func unitInEveryTable() throws {
        #expect(try cli.run(["poll", "--feeds", samples]).status == 0)
        let shown = try cli.run(["show", "ev-8bb115ff99e3", "--format", "table", "--unit", "wan"])
        #expect(shown.stdout.contains("amount:         ≤ 3,200万\n"), "\(shown.stdout)")
        let extracted = try cli.run(
            ["extract", CLI.fixture("outputs/e-undated.txt"), "--format", "table", "--unit", "yi"])
        #expect(extracted.status == 0, "\(extracted.stderr)")
        #expect(extracted.stdout.contains("0.5亿"), "\(extracted.stdout)")
    }

    @Test("--db is accepted before the subcommand as after it")
    func databaseBeforeSubcommand() throws {
        let database = scratch.path("elsewhere.sqlite")
        let plain = CLI()
        let polled = try plain.run(["--db", database, "poll", "--feeds", samples])
        #expect(polled.status == 0, "\(polled.stderr)")
        let before = try plain.run(["--db", database, "list", "--format", "csv"])
        let after = try plain.run(["list", "--db", database, "--format", "csv"])
        #expect(before.status == 0, "\(before.stderr)")
        #expect(before.stdout == after.stdout)
        #expect(before.stdout.split(separator: "\n").count == 8)
    }

    /// Runs `arguments` on a pseudo-terminal (util-linux `script`), as a user at a terminal would.
    func onTerminal(_ arguments: [String], environment: String) throws -> String {
        let command = ([CLI.executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "env \(environment) COLUMNS=80 \(command)", "/dev/null"]
        var env = ProcessInfo.processInfo.environment
        env["SELFBUY_DB"] = scratch.path("timeline.sqlite")
        env["NO_COLOR"] = nil
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(
        "summary --chart is coloured on a terminal and plain with NO_COLOR or through a pipe",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "util-linux script is missing"))
    func chartColour() throws {
        #expect(try cli.run(["poll", "--feeds", samples]).status == 0)
        let coloured = try onTerminal(["summary", "--chart", "--unit", "wan"], environment: "TERM=xterm")
        #expect(coloured.contains("\u{1B}["), "\(coloured)")
        #expect(coloured.contains("2025-08"))
        let plain = try onTerminal(["summary", "--chart", "--unit", "wan"], environment: "NO_COLOR=1")
        #expect(!plain.contains("\u{1B}["), "\(plain)")
        #expect(plain.contains("▒"))
        let piped = try cli.run(["summary", "--chart", "--unit", "wan"])
        #expect(piped.status == 0)
        #expect(!piped.stdout.contains("\u{1B}["))
        #expect(piped.stdout.contains("n=5 =2,000万 ≥8,000万"), "\(piped.stdout)")
    }
}
