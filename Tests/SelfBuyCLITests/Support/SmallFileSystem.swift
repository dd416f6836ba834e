import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A tmpfs of a few kilobytes mounted for one test, to be filled so that writes fail with "No space left on device".
///
/// Mounting needs root (or CAP_SYS_ADMIN); tests that need one are enabled by ``isPermitted``.
final class SmallFileSystem {
    let path: String
    private var mounted = true

    /// Whether this process may mount a tmpfs: tried once on a scratch folder.
    static let isPermitted: Bool = {
        guard getuid() == 0 else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("selfbuy-mount-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: probe) }
        guard (try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)) != nil,
            run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", probe.path]) == 0
        else { return false }
        return run(["umount", probe.path]) == 0
    }()

    /// Mounts a tmpfs of `size` (as mount(8) spells it) on a new folder at `path`.
    init(at path: String, size: String = "64k") throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard Self.run(["mount", "-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path]) == 0 else {
            throw CocoaError(.fileWriteNoPermission)
        }
    }

    deinit { unmount() }

    /// Writes zeros to `name` until the file system is full.
    func fill(_ name: String = "filler") {
        let descriptor = open(path + "/" + name, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let block = [UInt8](repeating: 0, count: 4096)
        while block.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }

    /// Runs `mount -o OPTIONS PATH` (such as `remount,ro`); returns its exit status.
    static func remount(_ path: String, options: String) -> Int32 {
        run(["mount", "-o", options, path])
    }

    func unmount() {
        guard mounted else { return }
        mounted = false
        _ = Self.run(["umount", path])
    }

    @discardableResult
    private static func run(_ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
