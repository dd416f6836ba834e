import Foundation
import Testing

@testable import SelfBuyKit

/// Issue 12, item 2: every HTML5 named character reference, C1 references as HTML maps them, `&#X41;`.
@Suite("HTML character references")
struct CharacterReferenceTests {
    @Test(
        "named references of the full HTML5 table resolve in feed HTML",
        arguments: [
            ("caf&eacute;", "café"), ("&uarr; &darr;", "↑ ↓"), ("&frac12;", "½"), ("&NotEqualTilde;", "≂̸"),
            ("&Aacute;&zwnj;&hearts;", "Á\u{200C}♥"), ("&copy 2025", "© 2025"), ("a=1&copy=2", "a=1&copy=2"),
            ("&notanentity;", "&notanentity;"),
        ])
    func named(html: String, expected: String) {
        #expect(PlainText.fromHTML(html) == expected)
    }

    @Test(
        "numeric references: C1 values are windows-1252, uppercase X is hex, NUL and surrogates are U+FFFD",
        arguments: [
            ("don&#146;t", "don’t"), ("&#128;5", "€5"), ("&#X41;&#x42;&#67;", "ABC"), ("&#0;", "\u{FFFD}"),
            ("&#xD800;", "\u{FFFD}"), ("&#x110000;", "\u{FFFD}"), ("&#129;", "\u{81}"),
        ])
    func numeric(html: String, expected: String) {
        #expect(PlainText.fromHTML(html) == expected)
    }

    @Test("the generated table has all 2,231 names of WHATWG's entities.json")
    func tableSize() {
        #expect(HTMLEntities.table.count == 2231)
        #expect(HTMLEntities.characters(named: "nbsp") == "\u{A0}")
        #expect(HTMLEntities.legacyCharacters(named: "eacute") == "é")
    }

    @Test("in a feed's XML, HTML names and references XML rejects are read as HTML reads them")
    func inFeedXML() throws {
        let feed = """
            <?xml version="1.0"?>
            <rss version="2.0"><channel><item>
            <title>caf&eacute; &uarr; &frac12; don&#146;t &#X41;</title>
            <description>&lt;p&gt;&amp;darr; &amp;#150; ok&lt;/p&gt;</description>
            </item></channel></rss>
            """
        let item = try #require(try SourceReader().read(Array(feed.utf8), url: nil).items.first)
        #expect(item.title == "café ↑ ½ don’t A")
        #expect(item.text == "↓ – ok")
    }
}
