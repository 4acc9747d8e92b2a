import CProcessHardening
import Foundation

/// What the process does to itself before anything else, so a secret in its memory cannot reach
/// the disk or another process: no core file (RLIMIT_CORE 0, soft and hard) and not dumpable
/// (PR_SET_DUMPABLE 0: no core either, and processes of the same user cannot ptrace it or read
/// /proc/PID/mem; /proc/PID's files then belong to root).
enum ProcessHardening {
    /// Applies both; a failure is reported on stderr and the program goes on.
    static func apply() {
        if p1_disable_core_files() != 0 { warn("cannot disable core files (RLIMIT_CORE)") }
        if p1_disable_dumpable() != 0 { warn("cannot make the process non-dumpable (PR_SET_DUMPABLE)") }
    }

    private static func warn(_ what: String) {
        let reason = String(cString: strerror(errno))
        FileHandle.standardError.write(Data("p1wizard: warning: \(what): \(reason)\n".utf8))
    }
}
