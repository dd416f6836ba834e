import Foundation
import Testing

@testable import SelfBuyKit

@Suite("URL identity")
struct URLNormalizerTests {
    @Test(
        "URLs normalise to scheme-less, lower-case host without www., no fragment or tracking, sorted query",
        arguments: [
            ("https://www.Example.CN/fund/1.html", "//example.cn/fund/1.html"),
            ("http://example.cn", "//example.cn/"),
            ("HTTP://EXAMPLE.CN/A%2Fb", "//example.cn/A%2Fb"),
            ("https://example.cn:443/a", "//example.cn/a"),
            ("https://example.cn:8443/a", "//example.cn:8443/a"),
            ("https://example.cn/a?b=2&a=1&utm_source=x&spm=3#top", "//example.cn/a?a=1&b=2"),
            ("https://example.cn/a#top", "//example.cn/a"),
            ("not a url", "not a url"),
        ])
    func normalForms(url: String, expected: String) {
        #expect(URLNormalizer.normalize(url) == expected)
    }

    @Test(
        "a site's root never identifies a document; any other page, and a URL that is not normalised, does",
        arguments: [
            ("//example.cn/", false), ("//example.cn", false), ("//example.cn/a", true), ("//example.cn//", true),
            ("//例子.中国/", false), ("//例子.中国/基金", true), ("not a url", true), ("/", true), ("//", false),
        ])
    func identifiesDocument(normalized: String, expected: Bool) {
        #expect(URLNormalizer.identifiesDocument(normalized) == expected)
    }

    @Test("the byte-level reading of simple URLs gives what URLComponents gives, and declines the rest")
    func simpleReadingAgreesWithComponents() {
        var urls = [
            "https://news.example.cn/fund/2025/08/26/123.html", "http://www.cs.com.cn/xwzx/hg/202508/t20250826.html",
            "https://example.cn/a/(b)/c*d!e'f;g=h,i+j$k&l:m@n~o.p-q_r", "https://example.cn/%E5%9F%BA%E9%87%91",
            "https://example.cn/%zz", "https://example.cn/%e5%9f", "https://example.cn/a b", "https://example.cn/a[b]",
            "https://user@example.cn/a", "https://example.cn:80/a", "https://192.168.0.1/a", "https://[::1]/a",
            "https://例子.中国/a", "https://example.cn/基金", "https://-example.cn/a", "https://example..cn/a",
            "https://example.cn./a", "https://www./a", "https://www.example.cn", "ftp://example.cn/a",
            "https:/example.cn",
            "https://", "https:///a", "HtTpS://WwW.ExAmPlE.cN/PaTh", "https://example.cn//a//b/", "https://a/b",
            "https://example.cn/a?", "https://example.cn/a#", "https://example.cn/a\\b", "https://example.cn/a\"b",
            "https://example.cn/a<b>", "https://example.cn/a^b", "https://example.cn/a`b", "https://example.cn/a{b}",
            "https://example.cn/a|b", "https://example.cn/./a/../b", "https://xn--fiqs8s.cn/a", "https://1.example/a",
            "https://example.123/a", "https://www.www.example.cn/a", "http://example.cn:/a",
        ]
        // Random URLs over the characters that matter to the reading (seeded: a failure repeats).
        var generator = SplitMix(seed: 20_251_130)
        let alphabet = Array("aZ09.-_~%/:@!$&'()*+,;=?#[] 基wW")
        for _ in 0..<3000 {
            let host = String(
                (0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let path = String(
                (0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            urls.append(["https://", "http://", "HTTP://www."].randomElement(using: &generator)! + host + "/" + path)
            urls.append("https://www.example.cn/" + path)
        }
        var answered = 0
        for url in urls {
            guard let simple = URLNormalizer.normalizeSimple(url) else { continue }
            answered += 1
            #expect(simple == URLNormalizer.normalizeComponents(url), "\(url)")
        }
        #expect(answered > 1000)
    }
}
