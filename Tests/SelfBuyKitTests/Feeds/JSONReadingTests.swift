import Foundation
import Testing

@testable import SelfBuyKit

@Suite("JSON replies: unwrapping, paths, dates, error shells")
struct JSONReadingTests {
    @Test(
        "plain JSON, JSONP, a var assignment and __NEXT_DATA__ all unwrap to the same object",
        arguments: [
            #"{"a":[1]}"#, #"jQuery183_1({"a":[1]});"#, #"var MI4_PAGE_ARTICLE = {"a":[1]};"#,
            #"<html><script id="__NEXT_DATA__" type="application/json">{"a":[1]}</script></html>"#,
        ])
    func unwraps(_ reply: String) throws {
        let object = try JSONUnwrap.object(reply, wrapping: .auto, url: "u")
        #expect(JSONPath.text(JSONPath.value(at: "a.0", in: object)) == "1")
    }

    @Test("an error reply without its JSONP padding is still read, so that its error is named")
    func unpaddedErrorUnderJSONP() throws {
        let object = try JSONUnwrap.object(#"{"Data":null,"ErrCode":-999,"ErrMsg":"访问受限"}"#, wrapping: .jsonp, url: "u")
        #expect(JSONPath.text(JSONPath.value(at: "ErrMsg", in: object)) == "访问受限")
        #expect(throws: JSONReplyError.self) { try JSONUnwrap.object("busy", wrapping: .jsonp, url: "u") }
    }

    @Test("a WAF page where JSON was expected is named as one")
    func wafPage() throws {
        let page = "<!DOCTYPE html><html><body><h1>请求已中断</h1></body></html>"
        #expect(throws: JSONReplyError.notJSON(url: "u", reason: "a WAF or anti-bot page (\"请求已中断\")")) {
            try JSONUnwrap.object(page, wrapping: .auto, url: "u")
        }
    }

    @Test("epoch seconds and milliseconds are told apart by size; strings are China time")
    func dates() throws {
        let dates = DateParser(timeZone: DateParser.china)
        #expect(JSONDate.read(1_756_195_200_000 as NSNumber, dates: dates)?.localDay() == "2025-08-26")
        #expect(JSONDate.read(1_756_195_200 as NSNumber, dates: dates)?.localDay() == "2025-08-26")
        #expect(JSONDate.read("1756195200000", dates: dates)?.localDay() == "2025-08-26")
        #expect(JSONDate.read("2025-08-26 00:30:00", dates: dates)?.iso8601 == "2025-08-26T00:30:00+08:00")
        let parts: [String: Any] = ["year": 2025, "month": 8, "day": 26, "hour": 9, "minute": 30]
        #expect(JSONDate.read(parts, dates: dates)?.iso8601 == "2025-08-26T09:30:00+08:00")
        #expect(JSONDate.read(42 as NSNumber, dates: dates) == nil)
    }

    func page(_ reply: String, _ api: FeedDefinition.JSONAPI) throws -> JSONPage {
        try JSONListReader.page(
            FetchedDocument(url: URL(string: "https://x.cn/api")!, bytes: Array(reply.utf8)), api: api,
            reader: SourceReader(), requestURL: URL(string: "https://x.cn/api?page=1")!)
    }

    @Test("titles lose their <em> highlights; links come from templates over several fields")
    func mappings() throws {
        var api = FeedDefinition.JSONAPI(items: "announcements")
        api.title = "announcementTitle"
        api.link = "https://fund.eastmoney.com/gonggao/{FUNDCODE},{ID}.html"
        api.guid = "ID"
        let reply = #"{"announcements":[{"announcementTitle":"关于以<em>固有资金</em>投资的公告","FUNDCODE":"510300","ID":"AN1"}]}"#
        let entry = try #require(try page(reply, api).entries.first)
        #expect(entry.title == "关于以固有资金投资的公告")
        #expect(entry.link == "https://fund.eastmoney.com/gonggao/510300,AN1.html")
    }

    @Test("ErrCode ≠ 0, state ≠ 1 and a null item path are failures, never an empty success")
    func errorShells() throws {
        var api = FeedDefinition.JSONAPI(items: "Data")
        api.expectations = [.init(path: "ErrCode", value: .integer(0))]
        api.errorMessage = "ErrMsg"
        #expect(
            throws: JSONReplyError.errorShell(
                url: "https://x.cn/api?page=1", detail: "ErrCode = -999 (expected 0): 访问受限")
        ) {
            try page(#"{"Data":null,"ErrCode":-999,"ErrMsg":"访问受限"}"#, api)
        }
        var cninfo = FeedDefinition.JSONAPI(items: "announcements")
        cninfo.title = "announcementTitle"
        #expect(throws: JSONReplyError.itemPathMissing(url: "https://x.cn/api?page=1", path: "announcements")) {
            try page(#"{"announcements":null,"totalAnnouncement":0}"#, cninfo)
        }
        #expect(try page(#"{"announcements":[]}"#, cninfo).rows == 0)
    }

    @Test("a definition with an unknown variable or an unbounded page count is refused with its line")
    func definitionChecks() throws {
        let text = """
            [[feed]]
            id = "x"
            url = "https://x.cn/api"
            kind = "json"

            [feed.json]
            items = "data"
            max_pages = 5000

            [feed.json.params]
            page = "{pages}"
            """
        let root = try TOMLParser.parse(text)
        let (feeds, errors) = FeedCatalog.definitions(in: root, file: URL(fileURLWithPath: "/f.toml"))
        #expect(feeds.isEmpty)
        #expect(errors.first?.line == 8)
        #expect(errors.first?.message.contains("max_pages must be an integer from 1 to 100") == true)
    }
}
