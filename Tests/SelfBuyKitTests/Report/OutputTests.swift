import Foundation
import Testing

@testable import SelfBuyKit

@Suite("output files and failure lines")
struct OutputTests {
    @Test("a failed write names the file and the system's reason; standard output names none")
    func writeErrors() {
        #expect(
            OutputError.write(path: "/mnt/events.csv", errno: ENOSPC).description
                == "/mnt/events.csv: write error: No space left on device")
        #expect(OutputError.write(path: nil, errno: ENOSPC).description == "write error: No space left on device")
        #expect(OutputError.write(path: nil, errno: ENOSPC).exitStatus == 74)
        #expect(OutputError.cannotCreate(path: "x", problem: "is a directory").exitStatus == 73)
    }

    @Test("errors that reach the tool get the status their kind calls for")
    func failureStatuses() {
        #expect(FailureReport(TimelineError.storage(path: "t.sqlite", reason: "damaged")).status == 74)
        #expect(FailureReport(TimelineError.noSuchEvent("ev-1")).status == 65)
        #expect(FailureReport(TimelineError.missing(path: "t.sqlite")).status == 69)
        #expect(FailureReport(OutputError.write(path: nil, errno: EIO)).message == "write error: Input/output error")
    }

    @Test("a usage error becomes one line that points at the command's help")
    func usageLine() {
        let report = FailureReport.usage(
            message: "--month must be YYYY-MM, got 2025-8",
            fullMessage: """
                Error: --month must be YYYY-MM, got 2025-8
                Usage: selfbuy list [--db <db>] [--month <month>]
                  See 'selfbuy list --help' for more information.
                """)
        #expect(
            report
                == FailureReport(message: "--month must be YYYY-MM, got 2025-8 (see 'selfbuy list --help')", status: 64)
        )
    }

    @Test("an atomic file appears only on commit; a discarded one leaves the folder as it was")
    func atomicFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("events.csv")
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        let discarded = try AtomicFile(path: path)
        try discarded.write(Array("new".utf8))
        discarded.discard()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["events.csv"])
        let committed = try AtomicFile(path: path)
        try committed.write(Array("new".utf8))
        try committed.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["events.csv"])
    }

    @Test("a file released without commit is removed with its temporary file")
    func releasedWithoutCommit() throws {
        let directory = try TemporaryDirectory()
        do {
            let file = try AtomicFile(path: directory.path("events.csv"))
            try file.write(Array("partial".utf8))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
    }
}
