// Driver of scripts/detector-diff.sh: compiled together with one version of Sources/SelfBuyDetection and the
// Traditional folding, it reads JSON lines ({"text", "title"?, "date"?}) and prints, for each, every field of the
// detector's review (pledges and near misses), so that two versions can be compared byte for byte. With --time it
// prints the detector's throughput instead; with --prefilter it also checks that DocumentPrefilter never skips a
// text that gives a pledge or a near miss.
import Foundation

@main
struct DetectorDiff {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        let folding = try TraditionalFolding.require()
        let detector = PledgeDetector(directory: .bundled, folding: folding)
        let prefilter = DocumentPrefilter(folding: folding)
        var documents: [(text: String, title: String?, date: String?)] = []
        let input = FileHandle.standardInput.readDataToEndOfFile()
        for line in input.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                let text = object["text"] as? String
            else { continue }
            documents.append((text, object["title"] as? String, object["date"] as? String))
        }
        if arguments.contains("--time") {
            let bytes = documents.reduce(0) { $0 + $1.text.utf8.count }
            var best = Double.infinity
            var found = 0
            let passes = arguments.firstIndex(of: "--passes").flatMap { Int(arguments[$0 + 1]) } ?? 5
            for _ in 0..<passes {
                let start = DispatchTime.now().uptimeNanoseconds
                found = 0
                for document in documents {
                    let detection = detector.review(document.text, documentDate: document.date, title: document.title)
                    found += detection.pledges.count + detection.nearMisses.count
                }
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            print(
                "\(documents.count) texts, \(bytes) bytes, \(found) pledges and near misses: best \(best) s, \(Double(bytes) / 1e6 / best) MB/s"
            )
            return
        }
        var failures = 0
        for (number, document) in documents.enumerated() {
            let detection = detector.review(document.text, documentDate: document.date, title: document.title)
            print("#\(number)")
            for pledge in detection.pledges { print("P", String(reflecting: pledge)) }
            for miss in detection.nearMisses { print("M", String(reflecting: miss)) }
            if arguments.contains("--prefilter"), !prefilter.mayContainPledge(document.text),
                !detection.pledges.isEmpty || !detection.nearMisses.isEmpty
            {
                FileHandle.standardError.write(
                    "prefilter skips text #\(number), which the detector reads\n".data(using: .utf8)!)
                failures += 1
            }
        }
        if failures > 0 { exit(1) }
    }
}
