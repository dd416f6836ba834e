// The reader process: poppler runs in a child process, so that a time, CPU and memory cap hold whatever a PDF does
// and a fault in poppler costs one document. The child is not forked from the calling process: a fork of a
// multithreaded process inherits every libc lock another thread held at that moment (the time zone lock that
// liblcms2's gmtime takes for each page, the loader's, iconv's) and can never take it. Instead a small process, the
// zygote, is forked when this library is loaded, while the process has one thread; each request makes it fork a
// supervisor, which forks the reader and reports how the reader ended. poppler itself is loaded by the zygote at its
// first request (poppler_api.c), never by the calling process: selfbuy starts without its fifty-odd libraries.
#define _GNU_SOURCE
#include "selfbuy_pdf.h"
#include "pdf_extract.h"
#include "poppler_api.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

/// One request: the caps, the PDF's length; the descriptors travel beside it (SCM_RIGHTS).
typedef struct {
    size_t length;
    size_t max_text;
    size_t memory_budget;
    int max_pages;
    unsigned cpu_seconds;
} request;

enum { REQUEST_BYTES = 0, REQUEST_RECORDS = 1, REQUEST_STATUS = 2, REQUEST_DESCRIPTORS = 3 };

/// The caller's end of the zygote's socket, or -1 when the zygote could not be started.
static int zygote_socket = -1;

/// Closes every descriptor from `low` up but `keep` (-1 for none).
static void close_from(int low, int keep) {
    if (keep >= low) {
        for (int fd = low; fd < keep; fd++) close(fd);
        low = keep + 1;
    }
#ifdef SYS_close_range
    if (syscall(SYS_close_range, (unsigned)low, ~0U, 0) == 0) return;
#endif
    long max = sysconf(_SC_OPEN_MAX);
    if (max < 0 || max > 65536) max = 65536;
    for (long fd = low; fd < max; fd++) close((int)fd);
}

/// Under AddressSanitizer or ThreadSanitizer the process maps terabytes of shadow memory: no address-space limit fits.
static int sanitized(void) {
    return dlsym(RTLD_DEFAULT, "__asan_init") != NULL || dlsym(RTLD_DEFAULT, "__tsan_init") != NULL
           || dlsym(RTLD_DEFAULT, "__msan_init") != NULL;
}

/// The address space this process maps now, in bytes (0 when unknown): /proc/self/statm's first field, in pages.
static size_t mapped_bytes(void) {
    int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    char text[128];
    ssize_t count = read(fd, text, sizeof text - 1);
    close(fd);
    if (count <= 0) return 0;
    text[count] = 0;
    return (size_t)strtoull(text, NULL, 10) * (size_t)sysconf(_SC_PAGESIZE);
}

/// The reader: maps the PDF, puts itself under its caps, writes the records to descriptor 3 and exits.
static void run_reader(const request *job, int bytes_fd, int records_fd) {
    const unsigned char *bytes = (const unsigned char *)"";
    if (job->length > 0) {
        void *mapped = mmap(NULL, job->length, PROT_READ, MAP_PRIVATE, bytes_fd, 0);
        if (mapped == MAP_FAILED) _exit(1);
        bytes = mapped;
    }
    if (dup2(records_fd, 3) < 0) _exit(1);
    close_from(4, -1);
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0) {
        // poppler reports syntax errors on stderr; the caller names the failure in one line instead.
        dup2(null, STDERR_FILENO);
        close(null);
    }
    struct rlimit cpu = {job->cpu_seconds, job->cpu_seconds + 1};
    setrlimit(RLIMIT_CPU, &cpu);
    size_t mapped = mapped_bytes();
    if (mapped > 0 && !sanitized()) {
        struct rlimit space = {mapped + job->memory_budget, mapped + job->memory_budget};
        setrlimit(RLIMIT_AS, &space);
    }
    // The wall clock too: a reader blocked rather than computing ends with SIGALRM. The caller has given up by then.
    alarm(job->cpu_seconds + 1);
    // A PDF date without a zone is China time, as every date selfbuy reads (glib reads TZ for the local zone).
    setenv("TZ", "CST-8", 1);
    signal(SIGPIPE, SIG_DFL);
    _exit(selfbuy_pdf_extract_to(3, bytes, job->length, job->max_pages, job->max_text) == 0 ? 0 : 1);
}

/// The supervisor of one request: forks the reader, waits for it, and writes its wait status to the status pipe.
static void run_supervisor(const request *job, const int fds[REQUEST_DESCRIPTORS]) {
    signal(SIGCHLD, SIG_DFL);
    pid_t reader = fork();
    if (reader == 0) run_reader(job, fds[REQUEST_BYTES], fds[REQUEST_RECORDS]);
    close(fds[REQUEST_BYTES]);
    close(fds[REQUEST_RECORDS]);
    int status = -1;
    if (reader > 0) {
        while (waitpid(reader, &status, 0) < 0 && errno == EINTR) {
        }
    }
    ssize_t written;
    do {
        written = write(fds[REQUEST_STATUS], &status, sizeof status);
    } while (written < 0 && errno == EINTR);
    _exit(0);
}

/// Receives one request; 1, 0 when the caller is gone, -1 for a message that is not a request (its descriptors
/// closed).
static int receive(int socket_fd, request *job, int fds[REQUEST_DESCRIPTORS]) {
    union {
        struct cmsghdr header;
        char space[CMSG_SPACE(sizeof(int) * REQUEST_DESCRIPTORS)];
    } control;
    struct iovec part = {job, sizeof *job};
    struct msghdr message = {.msg_iov = &part, .msg_iovlen = 1, .msg_control = &control, .msg_controllen = sizeof control};
    ssize_t count;
    do {
        count = recvmsg(socket_fd, &message, MSG_CMSG_CLOEXEC);
    } while (count < 0 && errno == EINTR);
    if (count <= 0) return 0;
    int received = 0;
    for (struct cmsghdr *item = CMSG_FIRSTHDR(&message); item != NULL; item = CMSG_NXTHDR(&message, item)) {
        if (item->cmsg_level != SOL_SOCKET || item->cmsg_type != SCM_RIGHTS) continue;
        int carried = (int)((item->cmsg_len - CMSG_LEN(0)) / sizeof(int));
        int *descriptors = (int *)CMSG_DATA(item);
        for (int index = 0; index < carried; index++) {
            if (received < REQUEST_DESCRIPTORS) fds[received++] = descriptors[index];
            else close(descriptors[index]);
        }
    }
    if (count != sizeof *job || received != REQUEST_DESCRIPTORS || (message.msg_flags & (MSG_TRUNC | MSG_CTRUNC))) {
        for (int index = 0; index < received; index++) close(fds[index]);
        return -1;
    }
    return 1;
}

static void run_zygote(int socket_fd, pid_t caller) {
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
        // The caller's standard streams may be pipes someone reads to their end: the zygote must not hold them.
        dup2(null, STDIN_FILENO);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        if (null > STDERR_FILENO) close(null);
    }
    close_from(3, socket_fd);
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
    if (getppid() != caller) _exit(0);
    // The terminal's Ctrl-C and a service manager's SIGTERM are for the caller, which shuts down in its own time;
    // the zygote ends when the caller's end of the socket closes.
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);
    // Supervisors are reaped by the kernel.
    signal(SIGCHLD, SIG_IGN);
    for (;;) {
        request job;
        int fds[REQUEST_DESCRIPTORS];
        int received = receive(socket_fd, &job, fds);
        if (received == 0) _exit(0);
        if (received < 0) continue;
        // Loads poppler at the first request, here with one thread and before the fork, so each reader inherits it
        // (its fifty libraries mapped and bound once, not once per PDF). When it cannot be loaded the reader reports
        // that as its failure record.
        selfbuy_poppler(NULL);
        pid_t supervisor = fork();
        if (supervisor == 0) {
            close(socket_fd);
            run_supervisor(&job, fds);
        }
        for (int index = 0; index < REQUEST_DESCRIPTORS; index++) close(fds[index]);
        if (supervisor < 0) {
            // No process for this request: its caller sees the status pipe close empty.
            continue;
        }
    }
}

__attribute__((constructor)) static void start_zygote(void) {
    int ends[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, ends) != 0) return;
    pid_t caller = getpid();
    pid_t zygote = fork();
    if (zygote == 0) {
        close(ends[0]);
        run_zygote(ends[1], caller);
        _exit(0);
    }
    close(ends[1]);
    if (zygote < 0) {
        close(ends[0]);
        return;
    }
    zygote_socket = ends[0];
}

static int write_all(int fd, const unsigned char *bytes, size_t length) {
    while (length > 0) {
        ssize_t written = write(fd, bytes, length);
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) return -1;
        bytes += written;
        length -= (size_t)written;
    }
    return 0;
}

int selfbuy_pdf_request(
    const unsigned char *bytes, size_t length, int max_pages, size_t max_text, size_t memory_budget,
    unsigned cpu_seconds, int *records_fd, int *status_fd) {
    if (zygote_socket < 0) {
        errno = ECHILD;
        return -1;
    }
    int bytes_fd = memfd_create("selfbuy-pdf", MFD_CLOEXEC);
    if (bytes_fd < 0) return -1;
    int records[2] = {-1, -1}, status[2] = {-1, -1};
    if (write_all(bytes_fd, bytes, length) != 0 || pipe2(records, O_CLOEXEC) != 0 || pipe2(status, O_CLOEXEC) != 0) {
        int saved = errno;
        close(bytes_fd);
        for (int index = 0; index < 2; index++) {
            if (records[index] >= 0) close(records[index]);
            if (status[index] >= 0) close(status[index]);
        }
        errno = saved;
        return -1;
    }
    request job = {
        .length = length, .max_text = max_text, .memory_budget = memory_budget, .max_pages = max_pages,
        .cpu_seconds = cpu_seconds};
    int fds[REQUEST_DESCRIPTORS] = {[REQUEST_BYTES] = bytes_fd, [REQUEST_RECORDS] = records[1], [REQUEST_STATUS] = status[1]};
    union {
        struct cmsghdr header;
        char space[CMSG_SPACE(sizeof fds)];
    } control;
    memset(&control, 0, sizeof control);
    struct iovec part = {&job, sizeof job};
    struct msghdr message = {.msg_iov = &part, .msg_iovlen = 1, .msg_control = &control, .msg_controllen = sizeof control};
    struct cmsghdr *item = CMSG_FIRSTHDR(&message);
    item->cmsg_level = SOL_SOCKET;
    item->cmsg_type = SCM_RIGHTS;
    item->cmsg_len = CMSG_LEN(sizeof fds);
    memcpy(CMSG_DATA(item), fds, sizeof fds);
    ssize_t sent;
    do {
        sent = sendmsg(zygote_socket, &message, MSG_NOSIGNAL);
    } while (sent < 0 && errno == EINTR);
    int saved = errno;
    close(bytes_fd);
    close(records[1]);
    close(status[1]);
    if (sent != (ssize_t)sizeof job) {
        close(records[0]);
        close(status[0]);
        errno = sent < 0 ? saved : EIO;
        return -1;
    }
    *records_fd = records[0];
    *status_fd = status[0];
    return 0;
}
