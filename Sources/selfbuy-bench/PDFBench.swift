import Foundation
import SelfBuyKit

/// `selfbuy-bench pdf [PATH] [--repeat N]`: reads one PDF (by default the 50-page fixture) through the source reader
/// as `selfbuy parse` does — child process, poppler, paragraph joining — and prints the fastest and median times.
enum PDFBench {
    static let defaultPath = "Tests/SelfBuyKitTests/Fixtures/pdf/fifty-pages.pdf"

    static func run(path: String?, repeats: Int) throws {
        let url = URL(fileURLWithPath: path ?? defaultPath)
        let bytes = [UInt8](try Data(contentsOf: url))
        let reader = SourceReader()
        var times: [Double] = []
        var characters = 0
        let pages = try PDFReader().read(bytes).pages.count
        for _ in 0..<max(1, repeats) {
            let (parsed, seconds) = try Measure.seconds { try reader.read(bytes, url: url) }
            times.append(seconds)
            characters = parsed.items.first?.text.count ?? 0
        }
        times.sort()
        let median = times[times.count / 2]
        print(
            "pdf: \(url.lastPathComponent), \(bytes.count / 1024) KiB, \(pages) pages, \(characters) characters: "
                + "best \(Measure.format(times[0] * 1000)) ms, median \(Measure.format(median * 1000)) ms "
                + "over \(times.count) reads (\(Measure.format(Double(pages) / median, 0)) pages/s), "
                + "peak RSS \(Measure.format(Measure.peakMemoryMB)) MB")
    }
}
