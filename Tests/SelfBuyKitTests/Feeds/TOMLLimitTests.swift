import Foundation
import Testing

@testable import SelfBuyKit

@Suite("The TOML reader bounds nesting and key size")
struct TOMLLimitTests {
    func error(_ text: String) -> TOMLError? {
        do {
            _ = try TOMLParser.parse(text)
            return nil
        } catch {
            return error as? TOMLError
        }
    }

    @Test("arrays nested 40,000 deep are refused at their line, without a stack overflow")
    func deepArrays() throws {
        let deep = "a = " + String(repeating: "[", count: 40_000) + String(repeating: "]", count: 40_000)
        let found = try #require(error("# top\n" + deep + "\n"))
        #expect(found.line == 2)
        #expect(found.message.contains("nested more than 32 deep"))
    }

    @Test("32 levels are still read")
    func allowedDepth() throws {
        let table = try TOMLParser.parse(
            "a = " + String(repeating: "[", count: 32) + "1" + String(repeating: "]", count: 32) + "\n")
        #expect(table["a"] != nil)
    }

    @Test("a dotted key of 50,000 parts is refused at once", arguments: ["key", "header"])
    func longDottedKey(form: String) throws {
        let key = Array(repeating: "a", count: 50_000).joined(separator: ".")
        let text = form == "key" ? "x = 1\n\(key) = 1\n" : "x = 1\n[\(key)]\n"
        let start = Date()
        let found = try #require(error(text))
        #expect(Date().timeIntervalSince(start) < 1)
        #expect(found.line == 2)
        #expect(found.message.contains("longer than 256 characters"))
    }

    @Test("a key of 17 parts is refused; 3 parts as in [feed.json.params] are fine")
    func keyParts() throws {
        let key = Array(repeating: "a", count: 17).joined(separator: ".")
        #expect(error("\(key) = 1\n")?.message.contains("more than 16 dotted parts") == true)
        #expect(error("[[feed]]\n[feed.json.params]\nx = 1\n") == nil)
    }

    @Test("a table of more than 1,000 keys is refused at the first key too many")
    func manyKeys() throws {
        let text = (0...1000).map { "k\($0) = 1" }.joined(separator: "\n")
        let found = try #require(error(text))
        #expect(found.line == 1001)
    }

    @Test("an array over 100,000 lines is read in linear time")
    func longMultilineArray() throws {
        let text = "a = [\n" + String(repeating: "1,\n", count: 100_000) + "]\n"
        let start = Date()
        let table = try TOMLParser.parse(text)
        #expect(Date().timeIntervalSince(start) < 10)
        guard case .array(let items)? = table["a"] else { return #expect(Bool(false)) }
        #expect(items.count == 100_000)
    }
}
