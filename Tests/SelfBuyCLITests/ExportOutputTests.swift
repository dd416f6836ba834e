import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `export --out`: the destination is replaced by rename(2) once the export is complete, only when it is a regular
/// file, and nothing is left behind when it fails.
@Suite("export --out replaces only a regular file and leaves nothing behind")
struct ExportOutputTests {
    let scratch: Scratch
    let cli: CLI
    let folder: String

    init() throws {
        scratch = try Scratch()
        cli = CLI(environment: ["SELFBUY_DB": scratch.path("timeline.sqlite")])
        folder = scratch.path("out")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let samples = CLI.repositoryRoot.appendingPathComponent("feeds/samples").path
        let polled = try cli.run(["poll", "--feeds", samples])
        #expect(polled.status == 0, "\(polled.stderr)")
    }

    /// The names in the output folder: a temporary or `.partial-` file left there would show up.
    func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test("a directory is refused with exit 73 and left as it was, with everything in it")
    func directory() throws {
        let target = folder + "/events.csv"
        try FileManager.default.createDirectory(atPath: target + "/nested", withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: target + "/nested/keep.txt"))
        let result = try cli.run(["export", "--out", target])
        #expect(result.status == 73)
        #expect(result.stderr == "selfbuy: \(target): is a directory\n")
        #expect(try text(target + "/nested/keep.txt") == "keep")
        #expect(try leftovers() == ["events.csv"])
    }

    @Test("a FIFO and a symbolic link to a directory are refused with exit 73 and left in place")
    func specialFiles() throws {
        let fifo = folder + "/fifo"
        #expect(mkfifo(fifo, 0o644) == 0)
        try FileManager.default.createDirectory(atPath: scratch.path("elsewhere"), withIntermediateDirectories: true)
        let link = folder + "/to-folder"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: scratch.path("elsewhere"))
        let refused = [
            (fifo, "is a FIFO, not a regular file"), (link, "is a symbolic link to a directory"),
        ]
        for (path, problem) in refused {
            let result = try cli.run(["export", "--out", path])
            #expect(result.status == 73, "\(path)")
            #expect(result.stderr == "selfbuy: \(path): \(problem)\n")
        }
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == scratch.path("elsewhere"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path("elsewhere")).isEmpty)
        #expect(try leftovers() == ["fifo", "to-folder"])
    }

    @Test("a device, or a symbolic link to one, is refused and stays a device")
    func device() throws {
        let link = folder + "/null-link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/null")
        var paths = [(link, "is a symbolic link to a character device, not a regular file")]
        // A device node of our own (root only, Linux numbering: 1,3 is null), so that a regression can never remove
        // the system's /dev/null.
        let node = folder + "/null"
        if mknod(node, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0 {
            paths.append((node, "is a character device, not a regular file"))
        }
        for (path, problem) in paths {
            let result = try cli.run(["export", "--out", path])
            #expect(result.status == 73, "\(path)")
            #expect(result.stderr == "selfbuy: \(path): \(problem)\n")
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "/dev/null")
        if paths.count == 2 {
            var info = stat()
            #expect(lstat(node, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
        }
        #expect(try leftovers() == paths.map(\.0).map { ($0 as NSString).lastPathComponent }.sorted())
    }

    @Test("a missing folder is 'No such file or directory', exit 73, and creates nothing")
    func missingFolder() throws {
        let target = folder + "/missing/events.csv"
        let result = try cli.run(["export", "--out", target])
        #expect(result.status == 73)
        #expect(result.stderr == "selfbuy: \(target): No such file or directory\n")
        #expect(try leftovers().isEmpty)
    }

    @Test("a regular file is replaced whole, keeps its permissions, and no temporary file remains")
    func replacesRegularFile() throws {
        let target = folder + "/events.csv"
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: target))
        #expect(chmod(target, 0o640) == 0)
        let result = try cli.run(["export", "--out", target])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try text(target) == (try cli.run(["export"])).stdout)
        let attributes = try FileManager.default.attributesOfItem(atPath: target)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o640)
        #expect(try leftovers() == ["events.csv"])
    }

    @Test("a symbolic link to a regular file is written through: the link stays, the file it names is replaced")
    func symlinkToFile() throws {
        let real = scratch.path("real.csv")
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: real))
        let link = folder + "/events.csv"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "../real.csv")
        let result = try cli.run(["export", "--out", link])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "../real.csv")
        #expect(try text(real) == (try cli.run(["export"])).stdout)
        #expect(try leftovers() == ["events.csv"])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test("the timeline's own files are never replaced by an export, even through a symbolic link")
    func timelineFiles() throws {
        let database = scratch.path("timeline.sqlite")
        let before = try cli.run(["export", "--format", "jsonl"]).stdout
        let link = folder + "/events.csv"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: database)
        for path in [database, link] {
            let result = try cli.run(["export", "--out", path])
            #expect(result.status == 73)
            #expect(result.stderr == "selfbuy: \(path): is the timeline database; refusing to replace it\n")
        }
        #expect(try cli.run(["export", "--format", "jsonl"]).stdout == before)
        #expect(before.contains("ev-8bb115ff99e3"))
        #expect(try leftovers() == ["events.csv"])
    }

    @Test(
        "a full file system: exit 74 naming the file, the old file and the timeline untouched, no temporary file",
        .enabled(if: SmallFileSystem.isPermitted, "mounting a tmpfs needs root; not permitted here"))
    func fullFileSystem() throws {
        let before = try cli.run(["export", "--format", "jsonl"]).stdout
        let disk = try SmallFileSystem(at: folder + "/small")
        defer { disk.unmount() }
        let target = disk.path + "/events.csv"
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: target))
        disk.fill()
        for format in ["csv", "json", "jsonl"] {
            let result = try cli.run(["export", "--format", format, "--out", target])
            #expect(result.status == 74)
            #expect(result.stderr == "selfbuy: \(target): write error: No space left on device\n")
        }
        #expect(try text(target) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path).sorted() == ["events.csv", "filler"])
        #expect(try cli.run(["export", "--format", "jsonl"]).stdout == before)
    }
}
