import Foundation
import Testing

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
