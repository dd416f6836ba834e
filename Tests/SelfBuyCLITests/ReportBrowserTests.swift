import Foundation
import Testing

/// The report as a real browser shows it: headless Chromium loads it without a console message, parses one bar group
/// per month and one row per event, and renders it to a PNG.
@Suite(
    "the report renders in headless Chromium",
    .serialized,
    .enabled(
        if: Browser.isAvailable,
        "chromium is not installed (apt-get install -y chromium fonts-noto-cjk); the report is not checked in a browser"
    ))
struct ReportBrowserTests {
    let scratch: Scratch
    let cli: CLI

    init() throws {
        scratch = try Scratch()
        cli = CLI(environment: ["SELFBUY_DB": scratch.path("timeline.sqlite")])
    }

    var samples: String { CLI.repositoryRoot.appendingPathComponent("feeds/samples").path }

    @Test("the sample report loads without console messages, one bar group per month and one row per event")
    func sampleReport() throws {
        #expect(try cli.run(["poll", "--feeds", samples]).status == 0)
        let page = scratch.path("report.html")
        let written = try cli.run(["report", "--out", page, "--from", "2025-01", "--to", "2025-12"])
        #expect(written.status == 0, "\(written.stderr)")
        let run = try Browser.load(page, ["--dump-dom"], profile: scratch.url.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.consoleMessages.isEmpty, "\(run.consoleMessages)")
        let dom = run.stdout
        let months = HTMLScan.captures("<g class=\"month\" data-month=\"([^\"]+)\"", in: dom)
        #expect(months == (1...12).map { String(format: "2025-%02d", $0) })
        let withBars = HTMLScan.captures("<g class=\"month\" data-month=\"([^\"]+)\" data-events=\"[1-9]", in: dom)
        #expect(withBars == ["2025-04", "2025-08", "2025-09"])
        #expect(HTMLScan.count("<tr class=\"event\"", in: dom) == 7)
        #expect(dom.contains("<mark data-field=\"amount\">3200万元</mark>"))
    }

    @Test("the report renders to a PNG of the window's size")
    func screenshot() throws {
        #expect(try cli.run(["poll", "--feeds", samples]).status == 0)
        let page = scratch.path("report.html")
        #expect(try cli.run(["report", "--out", page]).status == 0)
        let png = scratch.path("report.png")
        let run = try Browser.load(
            page, ["--window-size=1200,1800", "--screenshot=\(png)"], profile: scratch.url.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.consoleMessages.isEmpty, "\(run.consoleMessages)")
        let size = try #require(Browser.pngSize(png))
        #expect(size.width == 1200 && size.height == 1800)
    }

    @Test("the check catches a broken page: a script error and a blocked external load are console messages")
    func brokenPageIsCaught() throws {
        let page = scratch.path("broken.html")
        let broken = """
            <!DOCTYPE html><html><head>
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            </head><body><img src="https://example.com/a.png"><script>undefinedFunction()</script></body></html>
            """
        try Data(broken.utf8).write(to: URL(fileURLWithPath: page))
        let run = try Browser.load(page, ["--dump-dom"], profile: scratch.url.path)
        #expect(!run.consoleMessages.isEmpty, "\(run.stderr)")
    }
}
