import Foundation
import Testing

@testable import SelfBuyKit

@Suite("Feed definitions")
struct FeedCatalogTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    func load(_ text: String, name: String = "feeds.toml") throws -> ([FeedDefinition], [FeedDefinitionError]) {
        try Data(text.utf8).write(to: directory.url.appendingPathComponent(name))
        return FeedCatalog.load(directory.url.path)
    }

    @Test("a full definition reads every key; file:// URLs resolve against the file's folder")
    func fullDefinition() throws {
        let (feeds, errors) = try load(
            """
            # comment
            [[feed]]
            id = "notices"
            name = "公司公告"   # trailing comment
            url = "file://pages/index.html"
            kind = "html"
            interval = "30m"
            timeout = "20s"
            encoding = "gb2312"
            timezone = "Asia/Shanghai"
            match = "自购|固有资金"

            [feed.html]
            item = "//ul[@class='notice-list']/li"
            title = ".//a"
            link = ".//a/@href"
            date = ".//span[@class='date']"
            follow = false
            content = "//div[@class='content']"
            """)
        #expect(errors.isEmpty)
        let feed = try #require(feeds.first)
        #expect(feed.url.path == directory.url.appendingPathComponent("pages/index.html").path)
        #expect(feed.interval == 1800)
        #expect(feed.timeout == 20)
        #expect(feed.encoding == "gb2312")
        #expect(feed.html?.follow == false)
        #expect(feed.accepts(title: "关于运用固有资金投资的公告"))
        #expect(!feed.accepts(title: "基金经理变更"))
    }

    @Test(
        "problems are named by file and line",
        arguments: [
            ("[[feed]]\nid = \"a\"\n", "missing required key \"url\"", 1),
            ("[[feed]]\nid = \"a\"\nurl = \"ftp://x\"\n", "must be http(s):// or file://", 3),
            ("[[feed]]\nid = \"a\"\nurl = \"https://x.cn/\"\ninterval = \"often\"\n", "interval must be a duration", 4),
            (
                "[[feed]]\nid = \"a\"\nurl = \"https://x.cn/\"\nkind = \"yaml\"\n",
                "kind must be rss, atom, rdf, html or json", 4
            ),
            (
                "[[feed]]\nid = \"a\"\nurl = \"https://x.cn/\"\nkind = \"json\"\n",
                "kind = \"json\" needs a [feed.json] table", 4
            ),
            (
                "[[feed]]\nid = \"a\"\nurl = \"https://x.cn/\"\n[feed.html]\nitem = \"//ul[\"\n", "item: invalid XPath",
                5
            ),
            ("[[feed]]\nid = \"a\"\nurl = \"https://x.cn/\"\nmatch = \"(\"\n", "not a valid regular expression", 4),
            ("[[feed]]\nid = \"a\"\nurl = https://x.cn/\n", "strings need quotes", 3),
            ("[[feed]]\nid = \"a\"\nurl = \"https://x.cn/\"\ncolour = \"red\"\n", "unknown key \"colour\"", 4),
            ("[[feed]]\nid = \"a\"\nurl = \"https://x.cn/\n", "unclosed string", 3),
        ])
    func problems(text: String, message: String, line: Int) throws {
        let (feeds, errors) = try load(text)
        #expect(feeds.isEmpty)
        let error = try #require(errors.first)
        #expect(error.message.contains(message), "\(error)")
        #expect(error.line == line, "\(error)")
        #expect(error.description.hasPrefix(directory.url.appendingPathComponent("feeds.toml").path + ":\(line): "))
    }

    @Test("a match pattern holding control characters is refused before it reaches the regex compiler")
    func controlCharactersInMatch() throws {
        let (feeds, errors) = try load("[[feed]]\nid = \"a\"\nurl = \"https://x.cn/\"\nmatch = \"a\\u0000b\"\n")
        #expect(feeds.isEmpty)
        #expect(errors.first?.message == "match must not contain control characters")
        // The input the toml fuzz target found (Foundation leaked compiling it); under LeakSanitizer in CI this
        // must stay leak-free.
        let found = try Fixture.bytes("fuzz-crashes/toml-regex-nul-leak.toml")
        if let text = String(validating: found, as: UTF8.self), let root = try? TOMLParser.parse(text) {
            _ = FeedCatalog.definitions(in: root, file: directory.url.appendingPathComponent("fuzzed.toml"))
        }
    }

    @Test("a duplicate id across files is reported and the second definition left out")
    func duplicateIDs() throws {
        _ = try load("[[feed]]\nid = \"a\"\nurl = \"https://x.cn/1\"\n", name: "a.toml")
        let (feeds, errors) = try load("[[feed]]\nid = \"a\"\nurl = \"https://x.cn/2\"\n", name: "b.toml")
        #expect(feeds.count == 1)
        #expect(errors.first?.message.hasPrefix("duplicate feed id \"a\"") == true)
    }

    @Test("the TOML reader handles arrays over several lines, escapes and literal strings")
    func tomlValues() throws {
        let table = try TOMLParser.parse(
            "a = [\n  \"x\",\n  'y\\\\z',\n]\nb = \"tab\\tquote\\\" \\u4E2D\"\nc = 1_000\nd = true\n")
        #expect(table["a"] == .array([.string("x"), .string("y\\\\z")]))
        #expect(table["b"] == .string("tab\tquote\" 中"))
        #expect(table["c"] == .integer(1000))
        #expect(table["d"] == .boolean(true))
    }

    @Test("the bundled samples and the real feed definitions are valid")
    func bundledDefinitions() throws {
        var root = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) {
            root.deleteLastPathComponent()
        }
        let (samples, sampleErrors) = FeedCatalog.load(root.appendingPathComponent("feeds/samples").path)
        #expect(sampleErrors.isEmpty)
        #expect(samples.count == 3)
        let (real, realErrors) = FeedCatalog.load(root.appendingPathComponent("feeds").path)
        #expect(realErrors.isEmpty)
        #expect(real.count >= 8)
    }
}
