import Foundation
import SelfBuyKit

/// Parse throughput over a generated corpus of RSS feeds (UTF-8 and GB18030) and HTML pages, beside `xmllint --noout`
/// (libxml2 alone) on the same files when it is installed.
enum ParseBench {
    static func run(megabytes: Int, folder: URL) throws {
        let files = try generate(megabytes: megabytes, folder: folder)
        let total = files.reduce(0) { $0 + $1.1 }
        print("parse: corpus of \(files.count) files, \(Measure.format(Double(total) / 1e6)) MB")
        let reader = SourceReader()
        // Every timing below is the best of three runs, for selfbuy and xmllint alike: the machine's noise only ever
        // adds time, and the page cache is warm for both after the first.
        var items = 0
        let elapsed = try Measure.best(of: 3) {
            items = 0
            for (url, _) in files {
                let bytes = [UInt8](try Data(contentsOf: url))
                items += try reader.read(bytes, url: url).items.count
            }
        }
        print(
            "parse: \(items) items in \(Measure.format(elapsed, 2)) s = "
                + "\(Measure.format(Double(total) / 1e6 / elapsed)) MB/s, peak memory \(Measure.format(Measure.peakMemoryMB)) MB"
        )
        if let xmllint = xmllintPath {
            let xmlFiles = files.filter { $0.0.pathExtension == "xml" }
            let xmlTotal = xmlFiles.reduce(0) { $0 + $1.1 }
            let (ours, lint) = try compare(xmlFiles.map(\.0), reader: reader, xmllint: xmllint)
            print(
                "parse: feeds only (\(Measure.format(Double(xmlTotal) / 1e6)) MB, best of 5 interleaved): selfbuy "
                    + "\(Measure.format(Double(xmlTotal) / 1e6 / ours)) MB/s, xmllint --noout "
                    + "\(Measure.format(Double(xmlTotal) / 1e6 / lint)) MB/s, ratio \(Measure.format(ours / lint, 2))x"
            )
        } else {
            print("parse: xmllint not installed (apt-get install libxml2-utils) — no libxml2-alone comparison")
        }
        let big = try bigFeed(folder: folder, megabytes: 10)
        let before = Measure.peakMemoryMB
        let (count, bigElapsed) = try Measure.seconds {
            try reader.read([UInt8](try Data(contentsOf: big)), url: big).items.count
        }
        print(
            "parse: one 10 MB feed, \(count) items in \(Measure.format(bigElapsed, 2)) s, peak memory "
                + "\(Measure.format(Measure.peakMemoryMB)) MB (was \(Measure.format(before)) MB)")
    }

    /// Times reading files `repeats` times over, interleaved with `xmllint --noout` over as many copies of their paths.
    static func runFiles(_ urls: [URL], repeats: Int) throws {
        let bytes = try urls.reduce(0) { $0 + (try Data(contentsOf: $1).count) }
        let size = Double(bytes) * Double(repeats) / 1e6
        guard let xmllint = xmllintPath else {
            print("parse-file: xmllint not installed (apt-get install libxml2-utils) — no libxml2-alone comparison")
            return
        }
        let all = Array((0..<repeats).map { _ in urls }.joined())
        let (ours, lint) = try compare(all, reader: SourceReader(), xmllint: xmllint)
        let name = urls.count == 1 ? urls[0].lastPathComponent : "\(urls.count) files"
        print(
            "parse-file: \(name) ×\(repeats) (\(Measure.format(size)) MB): selfbuy \(Measure.format(ours, 3)) s = "
                + "\(Measure.format(size / ours)) MB/s, xmllint --noout \(Measure.format(lint, 3)) s = "
                + "\(Measure.format(size / lint)) MB/s, ratio \(Measure.format(ours / lint, 2))x")
        // CPU seconds as well: on a busy machine the wall clock counts other processes' turns, the CPU clock does not.
        var oursCPU = Double.infinity
        var lintCPU = Double.infinity
        let reader = SourceReader()
        for _ in 0..<7 {
            lintCPU = min(lintCPU, try runXmllint(xmllint, all.map(\.path)))
            let start = Measure.cpuSeconds
            for url in all { _ = try reader.read([UInt8](try Data(contentsOf: url)), url: url) }
            oursCPU = min(oursCPU, Measure.cpuSeconds - start)
        }
        print(
            "parse-file: CPU, best of 7: selfbuy \(Measure.format(oursCPU, 3)) s, xmllint --noout "
                + "\(Measure.format(lintCPU, 3)) s, ratio \(Measure.format(oursCPU / lintCPU, 2))x")
    }

    /// Seconds selfbuy and xmllint each take over the same files, interleaved and best of five each: whatever state
    /// the machine is in, both sides get the same chances.
    static func compare(_ urls: [URL], reader: SourceReader, xmllint: String) throws -> (ours: Double, lint: Double) {
        var ours = Double.infinity
        var lint = Double.infinity
        for _ in 0..<5 {
            lint = min(lint, try Measure.seconds { try runXmllint(xmllint, urls.map(\.path)) }.1)
            ours = min(
                ours,
                try Measure.seconds {
                    for url in urls { _ = try reader.read([UInt8](try Data(contentsOf: url)), url: url) }
                }.1)
        }
        return (ours, lint)
    }

    static var xmllintPath: String? {
        ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first(where: FileManager.default.isExecutableFile)
    }

    /// Runs `xmllint --noout --recover` over the paths, in as few processes as the argument limit allows (returning
    /// their CPU seconds), waiting with
    /// `wait4` (Foundation's `waitUntilExit` polls a run loop and would add its latency to xmllint's time).
    @discardableResult
    static func runXmllint(_ xmllint: String, _ paths: [String]) throws -> Double {
        var cpu = 0.0
        for chunk in stride(from: 0, to: paths.count, by: 1000) {
            let arguments = [xmllint, "--noout", "--recover"] + paths[chunk..<min(chunk + 1000, paths.count)]
            var cArguments = arguments.map { strdup($0) } + [nil]
            defer { cArguments.forEach { free($0) } }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            var pid: pid_t = 0
            guard posix_spawn(&pid, xmllint, &actions, nil, &cArguments, environ) == 0 else {
                throw CocoaError(.executableLoad)
            }
            var status: Int32 = 0
            var usage = rusage()
            wait4(pid, &status, 0, &usage)
            cpu +=
                Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
                + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        }
        return cpu
    }

    static let sentences = [
        "8月25日，华泰证券资管公告，将于近期陆续运用不超过3200万元自有资金投资公司旗下权益类公募基金，持有期不少于1年。",
        "今年以来，基金公司自购金额合计超过30亿元，其中股票型基金占比超过五成。",
        "A股三大指数午后走强，沪深300指数上涨1.2%，成交额较前一交易日放大。",
        "业内人士认为，公募基金通过自购与投资者利益绑定，传递长期投资的信心。",
    ]

    static func item(_ index: Int) -> String {
        let body = (0..<6).map { sentences[($0 + index) % sentences.count] }.joined()
        return """
            <item><title>基金快讯第\(index)期：市场观察 &amp; 自购动态</title><link>https://news.example.cn/fund/\(index).html</link>
            <guid>https://news.example.cn/fund/\(index).html</guid><pubDate>Tue, 26 Aug 2025 10:30:00 CST</pubDate>
            <description><![CDATA[<p>\(body)</p><p>\(body)</p>]]></description></item>

            """
    }

    static func generate(megabytes: Int, folder: URL) throws -> [(URL, Int)] {
        var files: [(URL, Int)] = []
        var total = 0
        var index = 0
        while total < megabytes * 1_000_000 {
            var feed = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>基金频道</title>\n"
            for _ in 0..<150 {
                feed += item(index)
                index += 1
            }
            feed += "</channel></rss>\n"
            let useGB = files.count % 3 == 2
            let data: Data
            if useGB {
                feed = feed.replacingOccurrences(of: "encoding=\"utf-8\"", with: "encoding=\"gb18030\"")
                data = feed.data(using: String.Encoding(rawValue: 0x8000_0632)) ?? Data(feed.utf8)
            } else {
                data = Data(feed.utf8)
            }
            let url = folder.appendingPathComponent("feed-\(files.count).xml")
            try data.write(to: url)
            files.append((url, data.count))
            total += data.count
            if files.count % 10 == 0 {
                let page =
                    "<html><head><meta charset=\"utf-8\"><title>公告</title></head><body><div class=\"nav\">首页</div>"
                    + "<div class=\"content\"><h1>关于运用自有资金投资旗下基金的公告</h1><p>" + sentences.joined()
                    + "</p></div></body></html>"
                let pageURL = folder.appendingPathComponent("page-\(files.count).html")
                try Data(page.utf8).write(to: pageURL)
                files.append((pageURL, page.utf8.count))
                total += page.utf8.count
            }
        }
        return files
    }

    static func bigFeed(folder: URL, megabytes: Int) throws -> URL {
        var feed = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>大文件</title>\n"
        var index = 0
        while feed.utf8.count < megabytes * 1_000_000 {
            feed += item(index)
            index += 1
        }
        feed += "</channel></rss>\n"
        let url = folder.appendingPathComponent("big.xml")
        try Data(feed.utf8).write(to: url)
        return url
    }
}
