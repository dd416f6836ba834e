import Foundation
import Testing

@testable import SelfBuyKit

/// Issue 12, item 9: harmless internal DTD subsets are read; entity expansion attacks stay refused.
@Suite("Internal DTD subsets")
struct InternalSubsetTests {
    func read(_ text: String) throws -> ParsedSource {
        try SourceReader().read(Array(text.utf8), url: nil)
    }

    @Test("simple character entities declared in the subset are expanded")
    func simpleEntities() throws {
        let parsed = try read(
            """
            <?xml version="1.0"?>
            <!DOCTYPE rss [
              <!-- HTML names the feed uses -->
              <!ENTITY nbsp "&#160;">
              <!ENTITY mdash '&#x2014;'>
              <!ENTITY site "华泰证券资管 &amp; 公司">
              <!ELEMENT rss ANY>
            ]>
            <rss version="2.0"><channel><item><title>自购&mdash;公告&nbsp;x</title>
            <description>&site;</description><guid isPermaLink="false">&site;-1</guid></item></channel></rss>
            """)
        let item = try #require(parsed.items.first)
        #expect(item.title == "自购—公告 x")
        #expect(item.text == "华泰证券资管 & 公司")
        #expect(item.guid == "华泰证券资管 & 公司-1")
    }

    @Test("an external entity stays unexpanded, and an external parameter entity is never read")
    func externalEntities() throws {
        let parsed = try read(
            """
            <?xml version="1.0"?>
            <!DOCTYPE rss [
              <!ENTITY % HTMLlat1 PUBLIC "-//W3C//ENTITIES Latin 1 for XHTML//EN" "http://www.w3.org/TR/xhtml-lat1.ent">
              %HTMLlat1;
              <!ENTITY secret SYSTEM "file:///etc/passwd">
            ]>
            <rss version="2.0"><channel><item><title>前&secret;后</title></item></channel></rss>
            """)
        #expect(parsed.items.first?.title == "前后")
    }

    @Test(
        "billion laughs, quadratic blow-up and parameter entities with values stay refused",
        arguments: [
            """
            <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;">]>
            <rss><channel><item><title>&c;</title></item></channel></rss>
            """,
            """
            <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "\(String(repeating: "x", count: 5000))">]>
            <rss><channel><item><title>&big;</title></item></channel></rss>
            """,
            """
            <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x "\(String(repeating: "y", count: 1000))">]>
            <rss><channel><item><title>\(String(repeating: "&x;", count: 2000))</title></item></channel></rss>
            """,
            """
            <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p "<!ENTITY q 'boom'>"> %p;]>
            <rss><channel><item><title>&q;</title></item></channel></rss>
            """,
        ])
    func attacksRefused(document: String) {
        #expect(throws: MarkupError.entityDeclarations) { try read(document) }
    }
}
