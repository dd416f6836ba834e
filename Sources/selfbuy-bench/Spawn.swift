import Foundation

/// Runs a program to its end with its output in files (no pipe to drain while it runs), waiting with `wait4`:
/// Foundation's `waitUntilExit` polls a run loop and would add its latency to the time measured.
enum Spawn {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// User and system CPU seconds of the program (and the children it waited for).
        var cpuSeconds: Double
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws
        -> Result
    {
        let folder = FileManager.default.temporaryDirectory
        let out = folder.appendingPathComponent("spawn-\(getpid())-out").path
        let err = folder.appendingPathComponent("spawn-\(getpid())-err").path
        defer {
            unlink(out)
            unlink(err)
        }
        var cArguments = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        let variables = environment ?? ProcessInfo.processInfo.environment
        var cEnvironment = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cEnvironment.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var pid: pid_t = 0
        guard posix_spawn(&pid, executable, &actions, nil, &cArguments, &cEnvironment) == 0 else {
            throw CocoaError(.executableLoad)
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let cpu =
            Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        func text(_ path: String) -> String {
            String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data(), as: UTF8.self)
        }
        return Result(status: exit, stdout: text(out), stderr: text(err), cpuSeconds: cpu)
    }
}
