import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file written beside its destination and renamed over it when complete, so the destination holds either its old
/// content or the whole new one — never half a file, and never anything but a regular file replaced.
///
/// The destination must be a regular file or not exist yet. A symbolic link is followed: the file it points to is
/// replaced and the link stays. A directory, a device, a FIFO or a socket (or a link to one) is refused. The temporary
/// file (`.NAME.selfbuy-XXXXXXXX.tmp` in the destination's folder) is removed on every failure.
public final class AtomicFile {
    /// The destination as the user named it, for messages.
    public let path: String
    /// The regular file that is replaced: `path` with symbolic links followed.
    let target: String
    private var temporary: String?
    private var descriptor: Int32 = -1

    /// Checks the destination and creates the temporary file beside it.
    ///
    /// - Parameters:
    ///   - path: the destination.
    ///   - protected: files that must never be replaced, such as the database being exported.
    /// - Throws: ``OutputError/cannotCreate(path:problem:)`` naming the problem (`No such file or directory` for a
    ///   missing folder, `is a directory`, `is a character device, not a regular file`…).
    public init(path: String, protecting protected: [String] = []) throws {
        self.path = path
        target = try Self.resolve(path)
        let folder = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        var existing = stat()
        let replacing = stat(target, &existing) == 0
        if replacing, Self.isOne(of: protected, existing) {
            throw OutputError.cannotCreate(path: path, problem: "is the timeline database; refusing to replace it")
        }
        for _ in 0..<100 {
            let candidate =
                (folder.isEmpty ? "" : folder + "/") + "." + name + ".selfbuy-"
                + String(UInt32.random(in: 0...UInt32.max), radix: 16) + ".tmp"
            let opened = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if opened >= 0 {
                descriptor = opened
                temporary = candidate
                break
            }
            let code = errno
            if code != EEXIST && code != EINTR {
                throw OutputError.cannotCreate(path: path, problem: OutputError.reason(code))
            }
        }
        guard descriptor >= 0 else { throw OutputError.cannotCreate(path: path, problem: OutputError.reason(EEXIST)) }
        // The new file keeps the permissions of the one it replaces; a new file gets 0666 less the umask.
        if replacing { _ = fchmod(descriptor, existing.st_mode & 0o7777) }
    }

    deinit { discard() }

    /// Appends bytes to the temporary file.
    ///
    /// - Throws: ``OutputError/write(path:errno:)``; the temporary file is removed first.
    public func write(_ bytes: [UInt8]) throws {
        guard descriptor >= 0 else { throw OutputError.write(path: path, errno: EBADF) }
        let code = DescriptorWriter.write(bytes, to: descriptor)
        if code != 0 {
            discard()
            throw OutputError.write(path: path, errno: code)
        }
    }

    /// Flushes the temporary file to disk and renames it over the destination.
    ///
    /// - Throws: ``OutputError``; the temporary file is removed and the destination left as it was.
    public func commit() throws {
        guard let temporary, descriptor >= 0 else { throw OutputError.write(path: path, errno: EBADF) }
        // A full disk can surface only when the data is flushed (delayed allocation, NFS), so both are checked.
        if fsync(descriptor) != 0, errno != EINVAL {
            let code = errno
            discard()
            throw OutputError.write(path: path, errno: code)
        }
        let closed = close(descriptor)
        descriptor = -1
        if closed != 0, errno != EINTR {
            let code = errno
            discard()
            throw OutputError.write(path: path, errno: code)
        }
        if rename(temporary, target) != 0 {
            let code = errno
            discard()
            throw OutputError.cannotCreate(path: path, problem: OutputError.reason(code))
        }
        self.temporary = nil
        Self.syncFolder(of: target)
    }

    /// Closes and removes the temporary file; the destination is left as it was. Safe to call more than once.
    public func discard() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        if let temporary {
            unlink(temporary)
            self.temporary = nil
        }
    }

    /// Whether `file` is one of `paths` (the same device and inode, whatever the names).
    private static func isOne(of paths: [String], _ file: stat) -> Bool {
        paths.contains { other in
            var info = stat()
            return stat(other, &info) == 0 && info.st_dev == file.st_dev && info.st_ino == file.st_ino
        }
    }

    /// Follows symbolic links from `path` to the regular file to replace (or the name of a new one).
    static func resolve(_ path: String) throws -> String {
        if path.isEmpty { throw OutputError.cannotCreate(path: path, problem: OutputError.reason(ENOENT)) }
        var current = path
        var viaLink = false
        for _ in 0..<40 {
            var info = stat()
            if lstat(current, &info) != 0 {
                let code = errno
                guard code == ENOENT else {
                    throw OutputError.cannotCreate(path: path, problem: OutputError.reason(code))
                }
                // A name ending in "/" can only be a folder, which open(2) refuses the same way.
                if current.hasSuffix("/") {
                    throw OutputError.cannotCreate(path: path, problem: OutputError.reason(EISDIR))
                }
                return current
            }
            let kind = info.st_mode & S_IFMT
            if kind == S_IFREG { return current }
            guard kind == S_IFLNK else {
                throw OutputError.cannotCreate(
                    path: path, problem: (viaLink ? "is a symbolic link to " : "is ") + Self.name(of: kind))
            }
            viaLink = true
            current = try Self.linkTarget(current, reportedAs: path)
        }
        throw OutputError.cannotCreate(path: path, problem: OutputError.reason(ELOOP))
    }

    private static func linkTarget(_ link: String, reportedAs path: String) throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(link, &buffer, buffer.count - 1)
        guard count >= 0 else {
            throw OutputError.cannotCreate(path: path, problem: OutputError.reason(errno))
        }
        let destination = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if destination.hasPrefix("/") { return destination }
        let folder = (link as NSString).deletingLastPathComponent
        return folder.isEmpty ? destination : folder + "/" + destination
    }

    private static func name(of kind: mode_t) -> String {
        switch kind {
        case S_IFDIR: return "a directory"
        case S_IFCHR: return "a character device, not a regular file"
        case S_IFBLK: return "a block device, not a regular file"
        case S_IFIFO: return "a FIFO, not a regular file"
        case S_IFSOCK: return "a socket, not a regular file"
        default: return "not a regular file"
        }
    }

    /// Makes the rename itself durable; best effort, as some file systems refuse to sync a folder.
    private static func syncFolder(of file: String) {
        let folder = (file as NSString).deletingLastPathComponent
        let descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}
