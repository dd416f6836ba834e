import Foundation
import SelfBuyDetection
import SelfBuyKit

/// Parses and detects a long stream of distinct feed documents generated on the fly (1 GB by default), printing
/// peak memory at intervals: it must stay flat, whatever the volume.
enum StreamBench {
    static func run(megabytes: Int) throws {
        let reader = SourceReader()
        let detector = PledgeDetector.standard
        var total = 0
        var documents = 0
        var pledges = 0
        var checkpoints: [String] = []
        let start = Date()
        var nextReport = 128
        while total < megabytes * 1_000_000 {
            var feed = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>流</title>\n"
            for item in 0..<400 {
                feed += ParseBench.item(documents * 400 + item)
            }
            feed += "</channel></rss>\n"
            let bytes = Array(feed.utf8)
            total += bytes.count
            documents += 1
            for item in try reader.read(bytes, url: nil).items {
                pledges += detector.detect(item.text, documentDate: item.published?.localDay(), title: item.title).count
            }
            if total / 1_000_000 >= nextReport {
                checkpoints.append("\(nextReport) MB: \(Measure.format(Measure.peakMemoryMB)) MB")
                nextReport *= 2
            }
        }
        let elapsed = Date().timeIntervalSince(start)
        print(
            "stream: \(Measure.format(Double(total) / 1e6)) MB in \(documents) feeds parsed and detected in "
                + "\(Measure.format(elapsed, 1)) s (\(pledges) pledges); peak memory after "
                + checkpoints.joined(separator: ", ") + "; final \(Measure.format(Measure.peakMemoryMB)) MB")
    }
}
