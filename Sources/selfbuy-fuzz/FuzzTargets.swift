import Foundation
import SelfBuyDetection
import SelfBuyKit

/// The entry points every fuzzing run exercises, chosen by `SELFBUY_FUZZ_TARGET` (markup, feed, detector, toml, pdf,
/// duration).
enum FuzzTargets {
    static let names = ["markup", "feed", "detector", "toml", "pdf", "duration"]

    static let labels = [
        nil, "gbk", "gb2312", "utf-8", "big5", "gb18030", "shift_jis", "latin1", "utf-16le", "x-unknown",
    ]

    /// Runs one input through a target; crashes (traps, sanitizer reports) are the findings.
    static func run(_ target: String, _ bytes: [UInt8]) {
        switch target {
        case "markup": markup(bytes)
        case "feed": feed(bytes)
        case "detector": detector(bytes)
        case "toml": toml(bytes)
        case "pdf": pdf(bytes)
        case "duration": duration(bytes)
        default: fatalError("unknown fuzz target \(target); expected one of \(names)")
        }
    }

    /// Bytes as a document under every charset path: the first byte picks a header charset and an override.
    static func markup(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let header = labels[Int(first) % labels.count].map { "text/html; charset=\($0)" }
        let override = first & 0x80 != 0 ? labels[Int(first >> 4) % labels.count] : nil
        let body = Array(bytes.dropFirst())
        let reader = SourceReader(encodingOverride: override)
        if let parsed = try? reader.read(
            body, url: URL(string: "https://fuzz.example.cn/a/b.html"), contentType: header)
        {
            for item in parsed.items { _ = PledgeDetector().detect(item.text, title: item.title) }
        }
        _ = TextDecoder.decode(body, contentType: header)
    }

    /// Bytes inside an RSS, Atom or RDF skeleton, so that mutations reach the item readers.
    static func feed(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let payload = String(decoding: bytes.dropFirst(), as: UTF8.self)
        let document: String
        switch first % 3 {
        case 0:
            document =
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><item>\(payload)</item></channel></rss>"
        case 1:
            document = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>\(payload)</entry></feed>"
        default:
            document =
                "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><item>\(payload)</item></rdf:RDF>"
        }
        _ = try? SourceReader().read(Array(document.utf8), url: URL(string: "https://fuzz.example.cn/feed"))
    }

    /// Arbitrary Unicode text; every pledge must point at its own sentence.
    static func detector(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let scalars = Array(text.unicodeScalars)
        for pledge in PledgeDetector().detect(text, documentDate: "2025-08-26", title: nil) {
            precondition(pledge.evidence.start >= 0 && pledge.evidence.end <= scalars.count)
            precondition(pledge.evidence.start < pledge.evidence.end)
            let slice = String(String.UnicodeScalarView(scalars[pledge.evidence.start..<pledge.evidence.end]))
            precondition(slice == pledge.evidence.text, "evidence does not match its offsets")
            precondition(pledge.amountYuan.map { $0 >= 0 } ?? true, "negative amount")
            precondition((pledge.amountYuan == nil) == (pledge.amountBound == nil), "bound without amount")
        }
    }

    /// Feed definition files.
    static func toml(_ bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self), let root = try? TOMLParser.parse(text) else {
            return
        }
        _ = FeedCatalog.definitions(in: root, file: URL(fileURLWithPath: "/tmp/selfbuy-fuzz/feeds.toml"))
    }

    /// Bytes as a PDF (given a header when they lack one), read with poppler in this process: the child process that
    /// caps time and memory in real use would hide poppler's coverage from the fuzzer, and kill what it should report.
    static func pdf(_ bytes: [UInt8]) {
        let input = PDFReader.isPDF(bytes) ? bytes : Array("%PDF-1.4\n".utf8) + bytes
        let reader = PDFReader(limits: PDFLimits(maxPages: 8, maxTextBytes: 256 * 1024), isolated: false)
        guard let text = try? reader.read(input) else { return }
        let item = text.item(url: URL(string: "https://fuzz.example.cn/notice.pdf"))
        precondition(item.text.utf8.count <= 256 * 1024 + 8 * 2, "text over the cap")
        _ = PledgeDetector().detect(item.text, documentDate: item.published?.localDay(), title: item.title)
    }

    /// Durations and `Retry-After` values: every result is a whole number of seconds within its range, and the next
    /// poll they lead to is a date selfbuy can store (converting it to whole seconds must not trap).
    static func duration(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        if let seconds = DurationText.wholeSeconds(text) {
            precondition(seconds > 0, "a duration of \(seconds) s")
        }
        for range in [FeedDefinition.intervalRange, FeedDefinition.timeoutRange, FeedDefinition.staleAfterRange] {
            if let seconds = DurationText.seconds(text, in: range) { precondition(range.contains(seconds)) }
        }
        let now = Date(timeIntervalSince1970: 1_767_225_600)
        let retryAfter = RetryPolicy.retryAfterSeconds(text, now: now)
        if let retryAfter {
            precondition(retryAfter >= 0 && retryAfter <= TimeInterval(RetryPolicy.maximumRetryAfter), "\(retryAfter)")
        }
        // The first eight bytes as any double (infinities and NaN included) for an interval built in code.
        var raw: UInt64 = 0
        for byte in bytes.prefix(8) { raw = raw << 8 | UInt64(byte) }
        let interval = Double(bitPattern: raw)
        let failures = Int(bytes.count > 8 ? bytes[8] : 0)
        let due = RetryPolicy().nextPoll(
            after: now, interval: interval, failures: failures, retryAfter: retryAfter, random: 0)
        let delay = due.timeIntervalSince(now)
        precondition(delay >= 1 && delay <= 30 * 86400, "next poll in \(delay) s")
        _ = Int64(due.timeIntervalSince1970)
    }
}
