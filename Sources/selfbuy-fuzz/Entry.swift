import Foundation

#if FUZZING
    /// libFuzzer's driver, from the fuzzer runtime that `-sanitize=fuzzer` links in.
    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    /// The executable's main (SwiftPM renames `main` of executable modules): hands control to libFuzzer's driver
    /// with the entry point of the target named by `SELFBUY_FUZZ_TARGET`.
    @_cdecl("selfbuy_fuzz_main")
    func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        var count = argc
        var arguments = argv
        return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
            let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
            FuzzTargets.run(FuzzEnvironment.target, bytes)
            return 0
        }
    }
#else
    /// Without libFuzzer: a seeded mutation harness over the same entry points.
    ///
    /// `selfbuy-fuzz TARGET SECONDS CORPUS…` replays every file of the corpus folders, then mutates them (bit flips,
    /// byte insertions and deletions, splices, interesting bytes) for SECONDS, and prints the executions.
    @main
    enum MutationHarness {
        static func main() {
            let arguments = Array(CommandLine.arguments.dropFirst())
            guard arguments.count >= 3, FuzzTargets.names.contains(arguments[0]), let seconds = Double(arguments[1])
            else {
                print(
                    "usage: selfbuy-fuzz TARGET SECONDS CORPUS-FOLDER… (targets: \(FuzzTargets.names.joined(separator: ", ")))"
                )
                exit(64)
            }
            let target = arguments[0]
            var seeds: [[UInt8]] = []
            for folder in arguments[2...] {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
                for name in names.sorted() {
                    if let data = FileManager.default.contents(atPath: folder + "/" + name) {
                        seeds.append([UInt8](data))
                    }
                }
            }
            if seeds.isEmpty { seeds = [[]] }
            for seed in seeds { FuzzTargets.run(target, seed) }
            var generator = SystemRandomNumberGenerator()
            let deadline = Date().addingTimeInterval(seconds)
            var executions = seeds.count
            while Date() < deadline {
                var input = seeds.randomElement(using: &generator)!
                for _ in 0..<Int.random(in: 1...8, using: &generator) {
                    mutate(&input, seeds: seeds, using: &generator)
                }
                FuzzTargets.run(target, input)
                executions += 1
            }
            print("\(target): \(executions) executions in \(Int(seconds)) s over \(seeds.count) seeds, no crash")
        }

        static let interesting: [[UInt8]] = [
            [0x00], [0xFF], [0xEF, 0xBB, 0xBF], [0x81, 0x30], [0xA1, 0xFF], Array("&".utf8), Array("<".utf8),
            Array("]]>".utf8), Array("<!ENTITY".utf8), Array("万元".utf8), Array("不超过".utf8), Array("亿".utf8),
            Array("固有资金".utf8), Array("。".utf8), Array("“".utf8), Array("[[feed]]".utf8), Array("\"".utf8),
            Array(" obj <<".utf8), Array(">> stream\n".utf8), Array("/FlateDecode".utf8), Array(" 0 R".utf8),
            Array("xref".utf8),
        ]

        static func mutate(_ input: inout [UInt8], seeds: [[UInt8]], using generator: inout SystemRandomNumberGenerator)
        {
            switch Int.random(in: 0..<5, using: &generator) {
            case 0 where !input.isEmpty:
                let index = Int.random(in: 0..<input.count, using: &generator)
                input[index] ^= UInt8(1 << Int.random(in: 0..<8, using: &generator))
            case 1:
                let index = Int.random(in: 0...input.count, using: &generator)
                input.insert(contentsOf: interesting.randomElement(using: &generator)!, at: index)
            case 2 where !input.isEmpty:
                let start = Int.random(in: 0..<input.count, using: &generator)
                let length = Int.random(in: 1...min(64, input.count - start), using: &generator)
                input.removeSubrange(start..<start + length)
            case 3:
                let other = seeds.randomElement(using: &generator)!
                guard !other.isEmpty else { return }
                let start = Int.random(in: 0..<other.count, using: &generator)
                let end = Int.random(in: start...other.count, using: &generator)
                input.insert(contentsOf: other[start..<end], at: Int.random(in: 0...input.count, using: &generator))
            default:
                if !input.isEmpty {
                    input[Int.random(in: 0..<input.count, using: &generator)] = UInt8.random(
                        in: 0...255, using: &generator)
                }
            }
        }
    }
#endif

/// The target a libFuzzer binary runs.
enum FuzzEnvironment {
    static let target = ProcessInfo.processInfo.environment["SELFBUY_FUZZ_TARGET"] ?? "markup"
}
