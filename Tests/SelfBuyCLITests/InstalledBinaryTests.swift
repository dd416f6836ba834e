import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A `selfbuy` copied alone to another folder, as an operator installs it, works without the build folder: nothing
/// (the issuer directory above all) is looked up beside the build products at run time.
@Suite("An installed binary")
struct InstalledBinaryTests {
    static let seed =
        "8月25日，华泰证券（上海）资产管理有限公司（简称“华泰证券资管”）公告，将于近期陆续运用不超过3200万元自有资金投资公司旗下权益类公募基金，持有期不少于1年。"

    @Test("a binary copied alone to an empty folder detects the seed case, run from another empty folder")
    func copiedBinaryDetects() throws {
        let scratch = try Scratch()
        let bin = scratch.url.appendingPathComponent("bin")
        let work = scratch.url.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let installed = bin.appendingPathComponent("selfbuy")
        try FileManager.default.copyItem(at: CLI.executable, to: installed)
        var cli = CLI()
        cli.binary = installed
        cli.directory = work
        let result = try cli.run(["extract", "--format", "jsonl", "--date", "2025-08-26"], stdin: Self.seed)
        #expect(result.status == 0, "\(result.stderr)")
        let pledge = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(pledge["issuer"] as? String == "华泰证券资管")
        #expect(pledge["amount_yuan"] as? Int == 32_000_000)
        #expect(pledge["amount_bound"] as? String == "max")
        #expect(pledge["holding_period"] as? String == "P1Y")
        #expect(pledge["fund_type"] as? String == "equity")
        #expect(pledge["issuer_known"] as? Bool == true)
    }

    /// Whether this process can hide the build folder from a child: root with `unshare` (a mount namespace of its own,
    /// with a tmpfs over the build products).
    static let canHideBuildFolder =
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare")

    @Test(
        "scripts/install.sh installs binary, unit and completions under DESTDIR+PREFIX; the installed binary works with the build folder hidden",
        .enabled(if: canHideBuildFolder, "needs root and unshare(1) to hide the build folder from the installed binary")
    )
    func installScript() throws {
        let scratch = try Scratch()
        let stage = scratch.path("stage")
        let prefix = "/opt/selfbuy-test"
        let install = Process()
        install.executableURL = URL(fileURLWithPath: "/bin/sh")
        install.arguments = [CLI.repositoryRoot.appendingPathComponent("scripts/install.sh").path]
        install.environment = ProcessInfo.processInfo.environment.merging(
            ["BINARY": CLI.executable.path, "PREFIX": prefix, "DESTDIR": stage]
        ) { $1 }
        install.standardOutput = FileHandle.nullDevice
        try install.run()
        install.waitUntilExit()
        #expect(install.terminationStatus == 0)
        let root = stage + prefix
        let binary = root + "/bin/selfbuy"
        #expect(FileManager.default.isExecutableFile(atPath: binary))
        let unit = try String(contentsOfFile: root + "/lib/systemd/system/selfbuy.service", encoding: .utf8)
        #expect(unit.contains("ExecStart=\(prefix)/bin/selfbuy daemon --feeds /etc/selfbuy/feeds"))
        #expect(unit.contains("ExecReload=/bin/kill -HUP $MAINPID"))
        #expect(!unit.contains("@PREFIX@"))
        let completions = [
            ("/share/bash-completion/completions/selfbuy", "_selfbuy"),
            ("/share/zsh/site-functions/_selfbuy", "#compdef selfbuy"),
            ("/share/fish/vendor_completions.d/selfbuy.fish", "complete -c 'selfbuy'"),
        ]
        for (path, marker) in completions {
            let text = (try? String(contentsOfFile: root + path, encoding: .utf8)) ?? ""
            #expect(text.contains(marker), "\(path)")
            #expect(text.contains("ingest"), "\(path)")
        }
        let work = scratch.path("work")
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let result = try Self.runHidingBuildFolder(
            binary, ["extract", "--format", "jsonl", "--date", "2025-08-26"], in: work, stdin: Self.seed)
        #expect(result.status == 0, "\(result.stderr)")
        let pledge = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(pledge["issuer"] as? String == "华泰证券资管")
        #expect(pledge["issuer_known"] as? Bool == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: work).isEmpty)
    }

    /// Runs `binary` in `folder` inside a mount namespace of its own where a tmpfs covers the build products: any
    /// file looked up there at run time (a resource bundle) is missing, as on a machine where selfbuy is installed.
    static func runHidingBuildFolder(
        _ binary: String, _ arguments: [String], in folder: String, stdin: String
    ) throws -> CLI.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        let script = "mount -t tmpfs selfbuy-hidden \"$1\" && test -z \"$(ls -A \"$1\")\" && shift && exec \"$@\""
        process.arguments =
            ["--mount", "--propagation", "private", "/bin/sh", "-c", script, "sh", CLI.productsDirectory.path, binary]
            + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLI.Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), stdoutBytes: [UInt8](outData))
    }

    @Test("a user's issuer file that cannot be read is an error, not a silent empty directory")
    func unreadableIssuerFile() throws {
        let result = try CLI().run(["extract", "--issuers", "/nonexistent/issuers.tsv"], stdin: Self.seed)
        #expect(result.status == 66)
        #expect(result.stderr.hasPrefix("selfbuy: /nonexistent/issuers.tsv: "))
    }

    @Test("--explain names why a self-purchase sentence gave no pledge")
    func explain() throws {
        let text = "年内已有37家公募运用固有资金自购，合计金额超过20亿元。"
        let result = try CLI().run(["extract", "--explain", "--format", "jsonl"], stdin: text)
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"near_miss\""))
        #expect(result.stdout.contains("statistics"))
    }
}
