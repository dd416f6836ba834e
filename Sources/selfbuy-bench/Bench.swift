import Foundation
import SelfBuyDetection
import SelfBuyKit

/// `selfbuy-bench [parse|detect|timeline|report|poll|stream|all] [--size MB] [--events N] [--feeds N]`: prints
/// throughput, latency and memory figures; `timeline --keep DIR` keeps its generated timeline in DIR and reuses it.
/// `selfbuy-bench pipeline [--feeds N] [--items N] [--runs N] [--keep DIR] [--parse-corpus] [--selfbuy PATH]` times
/// `selfbuy ingest` (the binary beside the bench, or PATH: the installed one) of a generated news archive beside the
/// Python pipeline and `xmllint --noout`. `selfbuy-bench parse-file PATH
/// [--repeat N]` times one document against xmllint; `selfbuy-bench pdf [PATH] [--repeat N]` times one PDF (the
/// 50-page fixture by default).
@main
enum Bench {
    static func main() async throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let command = arguments.first { !$0.hasPrefix("--") } ?? "all"
        func option(_ name: String) -> Int? {
            guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
            return Int(arguments[index + 1])
        }
        // The pipeline runs on every core, as users run it; the other measures are of one core.
        if command != "pipeline" { pinToOneCPU() }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("selfbuy-bench-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        switch command {
        case "parse": try ParseBench.run(megabytes: option("--size") ?? 64, folder: work)
        case "parse-file":
            // selfbuy-bench parse-file PATH... [--repeat N]: real documents (the pipeline's archive, say), selfbuy
            // beside xmllint.
            let paths = arguments.dropFirst().filter { !$0.hasPrefix("--") && Int($0) == nil }
            guard !paths.isEmpty else {
                print("usage: selfbuy-bench parse-file PATH... [--repeat N]")
                exit(64)
            }
            try ParseBench.runFiles(
                paths.map { URL(fileURLWithPath: $0) }, repeats: option("--repeat") ?? (paths.count > 1 ? 1 : 100))
        case "detect": DetectBench.run(megabytes: option("--size") ?? 24)
        case "pdf":
            // selfbuy-bench pdf [PATH] [--repeat N]: one PDF read as selfbuy parse reads it (default: 50 pages).
            let path = arguments.dropFirst().first { !$0.hasPrefix("--") && Int($0) == nil }
            try PDFBench.run(path: path, repeats: option("--repeat") ?? 20)
        case "timeline":
            // --keep DIR keeps the generated timeline in DIR and reuses it when it is already there.
            let keep = arguments.firstIndex(of: "--keep").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
            try TimelineBench.run(events: option("--events") ?? 1_000_000, folder: work, keep: keep)
        case "report": try ReportBench.run(events: option("--events") ?? 1_000_000, folder: work, arguments: arguments)
        case "poll": try await PollBench.run(feeds: option("--feeds") ?? 1000, folder: work)
        case "pipeline":
            // selfbuy-bench pipeline [--feeds N] [--items N] [--runs N] [--keep DIR] [--parse-corpus]
            // [--selfbuy PATH]: ingest beside Python and xmllint.
            func text(_ name: String) -> String? {
                arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
            }
            try PipelineBench.run(
                feeds: option("--feeds") ?? 200, items: option("--items") ?? 50, runs: option("--runs") ?? 3,
                folder: work, keep: text("--keep"), parseCorpus: arguments.contains("--parse-corpus"),
                selfbuy: text("--selfbuy"))
        case "stream": try StreamBench.run(megabytes: option("--size") ?? 1024)
        case "all":
            try ParseBench.run(megabytes: option("--size") ?? 64, folder: work)
            DetectBench.run(megabytes: 24)
            try TimelineBench.run(events: option("--events") ?? 1_000_000, folder: work)
            try await PollBench.run(feeds: option("--feeds") ?? 1000, folder: work)
        default:
            print(
                "usage: selfbuy-bench [parse|detect|timeline|report|poll|stream|pipeline|all] [--size MB] [--events N]"
                    + " [--feeds N]"
            )
            exit(64)
        }
    }
}

/// Keeps the benchmark (and the xmllint it starts) on one CPU by starting itself again under `taskset`. On this 2-vCPU
/// machine a process that migrates between CPUs runs anywhere from 1× to 1.8× slower, run to run; pinned, repeated
/// timings agree within a few per cent. Without `taskset` the benchmark runs unpinned and says so.
func pinToOneCPU() {
    #if os(Linux)
        let marker = "SELFBUY_BENCH_PINNED"
        guard getenv(marker) == nil else { return }
        guard let taskset = ["/usr/bin/taskset", "/bin/taskset"].first(where: FileManager.default.isExecutableFile),
            let executable = Bundle.main.executablePath
        else {
            print("bench: taskset not found, timings unpinned (expect noise between runs)")
            return
        }
        setenv(marker, "1", 1)
        let arguments = [taskset, "-c", "0", executable] + CommandLine.arguments.dropFirst()
        var cArguments = arguments.map { strdup($0) } + [nil]
        execv(taskset, &cArguments)
        print("bench: could not pin to a CPU (\(String(cString: strerror(errno)))), timings unpinned")
    #endif
}

/// Wall-clock timing and peak memory.
enum Measure {
    static func seconds<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// The shortest of `runs` timings of `body`, in seconds.
    static func best(of runs: Int, _ body: () throws -> Void) rethrows -> Double {
        var shortest = Double.infinity
        for _ in 0..<runs { shortest = min(shortest, try seconds(body).1) }
        return shortest
    }

    /// CPU seconds this process has used so far (every thread, user and system).
    static var cpuSeconds: Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Peak resident memory of this process so far, in MB.
    static var peakMemoryMB: Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    static func format(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
}
