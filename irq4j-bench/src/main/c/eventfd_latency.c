/*
 * eventfd_latency: the C baseline of irq4j's interrupt latency harness
 * (irq4j-bench, io.github.irq4j.bench.latency.LatencyHarness), which compiles it with
 * `gcc -O2 -pthread` at run time and runs it alternately with the same experiment through irq4j.
 *
 * The experiment: a "device" thread (main) raises an interrupt by writing 1 to an eventfd(2),
 * stamping clock_gettime(CLOCK_MONOTONIC) just before the write; a "handler" thread, the ISR,
 * reads the eventfd's counter and stamps again; the difference is the signal -> handler latency.
 * Interrupts are paced: the device raises the next one no earlier than PERIOD_NS after the previous
 * one and only once the previous one was handled, so each signal is its own interrupt and every
 * one can be checked off ("nothing lost": edges handled == signals sent, one read per signal).
 *
 * The handler waits as irq4j's dispatch thread does in each DispatchMode (SourceDispatcher):
 *   blocking   epoll_wait(-1) on the eventfd, then read(2) it;
 *   busy-poll  non-blocking read(2) in a loop, a pause instruction between empty reads
 *              (irq4j's EpollSource polls a single descriptor with one direct read);
 *   hybrid     busy-poll, and after HYBRID_SPIN_NS without an interrupt, one epoll_wait(-1).
 *
 * usage: eventfd_latency MODE INTERRUPTS WARMUP PERIOD_NS HYBRID_SPIN_NS
 *   MODE is blocking, busy-poll or hybrid; WARMUP interrupts run first and are not recorded.
 *
 * Output on stdout, line by line ("key value", then the raw latencies):
 *   eventfd_latency 1
 *   mode blocking
 *   interrupts N
 *   warmup W
 *   period_ns P
 *   hybrid_spin_ns S
 *   sent T               signals written (W + N)
 *   handled E            edges read from the counter (sum of the counts)
 *   reads R              reads that returned a count (handler calls)
 *   coalesced C          edges that arrived merged into an earlier read (count - 1 summed)
 *   elapsed_ns X
 *   latencies_ns         then one latency in nanoseconds per line, one per recorded handler call
 *   end
 * Exit codes: 0 done; 2 usage error; 1 a system call failed; 3 an interrupt was not handled
 * within 5 s (lost). Errors are one line on stderr.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

enum mode { BLOCKING, BUSY_POLL, HYBRID };

static const char *const MODE_NAMES[] = { "blocking", "busy-poll", "hybrid" };

/* How long the device waits for one interrupt to be handled before it calls it lost. */
#define HANDLE_TIMEOUT_NS 5000000000LL
/* Pause instructions the device spins while it waits for the handler, before it starts yielding
 * (irq4j's harness waits the same way: Thread.onSpinWait(), then Thread.yield()). */
#define SPINS_BEFORE_YIELD 1000

struct shared {
    /* Stamp of the last signal; written by the device just before its write(2), read by the
     * handler after its read(2) returned the count (release/acquire). */
    _Alignas(64) _Atomic int64_t sent_ns;
    /* Edges handled so far; written by the handler only (release), polled by the device. */
    _Alignas(64) _Atomic int64_t handled;
    /* Configuration, then the handler's own counters; written before the handler starts. */
    _Alignas(64) int efd;
    int epfd;
    enum mode mode;
    int64_t interrupts;
    int64_t warmup;
    int64_t hybrid_spin_ns;
    int64_t *latencies;   /* interrupts entries, -1 until recorded */
    int64_t reads;        /* handler only */
    int64_t coalesced;    /* handler only */
};

static void die(const char *call) {
    fprintf(stderr, "eventfd_latency: %s failed: %s\n", call, strerror(errno));
    exit(1);
}

static inline int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

/* One non-blocking read of the counter: the count (which the read resets), or 0 if there is none yet. */
static int64_t read_counter(struct shared *s) {
    uint64_t v;
    ssize_t r = read(s->efd, &v, sizeof v);
    if (r == (ssize_t) sizeof v) {
        return (int64_t) v;
    }
    if (r < 0 && (errno == EAGAIN || errno == EINTR)) {
        return 0;
    }
    die("read(eventfd)");
    return 0;
}

/* Blocks until the eventfd is readable. */
static void wait_readable(struct shared *s) {
    struct epoll_event ev;
    for (;;) {
        int n = epoll_wait(s->epfd, &ev, 1, -1);
        if (n > 0) {
            return;
        }
        if (n < 0 && errno != EINTR) {
            die("epoll_wait");
        }
    }
}

/* The ISR: stamps, records the latency of the signal it answers, and publishes the edges handled. */
static void handle(struct shared *s, int64_t count) {
    int64_t t = now_ns();
    int64_t sent = atomic_load_explicit(&s->sent_ns, memory_order_acquire);
    int64_t edges = atomic_load_explicit(&s->handled, memory_order_relaxed);   /* its own field */
    int64_t i = edges - s->warmup;
    if (i >= 0 && i < s->interrupts) {
        s->latencies[i] = t - sent;
    }
    s->reads++;
    if (count > 1) {
        s->coalesced += count - 1;
    }
    atomic_store_explicit(&s->handled, edges + count, memory_order_release);
}

static void *handler(void *arg) {
    struct shared *s = arg;
    int64_t end = s->warmup + s->interrupts;
    int64_t idle_since = 0;
    while (atomic_load_explicit(&s->handled, memory_order_relaxed) < end) {
        int64_t count;
        switch (s->mode) {
        case BLOCKING:
            wait_readable(s);
            count = read_counter(s);
            if (count > 0) {
                handle(s, count);
            }
            break;
        case BUSY_POLL:
            count = read_counter(s);
            if (count > 0) {
                handle(s, count);
            } else {
                cpu_relax();
            }
            break;
        case HYBRID:
            count = read_counter(s);
            if (count > 0) {
                handle(s, count);
                idle_since = 0;
            } else {
                int64_t now = now_ns();
                if (idle_since == 0) {
                    idle_since = now;
                }
                if (now - idle_since >= s->hybrid_spin_ns) {
                    wait_readable(s);
                    idle_since = 0;
                } else {
                    cpu_relax();
                }
            }
            break;
        }
    }
    return NULL;
}

static int64_t parse(const char *what, const char *text, int64_t min, int64_t max) {
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || v < min || v > max) {
        fprintf(stderr, "eventfd_latency: %s: '%s' (expected: a whole number from %" PRId64 " to %" PRId64 ")\n",
                what, text, min, max);
        exit(2);
    }
    return (int64_t) v;
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "eventfd_latency: %d arguments (expected: MODE INTERRUPTS WARMUP PERIOD_NS HYBRID_SPIN_NS)\n",
                argc - 1);
        return 2;
    }
    static struct shared s;
    int m;
    for (m = 0; m < 3 && strcmp(argv[1], MODE_NAMES[m]) != 0; m++) {
    }
    if (m == 3) {
        fprintf(stderr, "eventfd_latency: mode '%s' (expected: blocking, busy-poll or hybrid)\n", argv[1]);
        return 2;
    }
    s.mode = (enum mode) m;
    s.interrupts = parse("INTERRUPTS", argv[2], 1, 100000000);
    s.warmup = parse("WARMUP", argv[3], 0, 100000000);
    int64_t period_ns = parse("PERIOD_NS", argv[4], 0, 1000000000);
    s.hybrid_spin_ns = parse("HYBRID_SPIN_NS", argv[5], 0, 1000000000);

    s.latencies = malloc((size_t) s.interrupts * sizeof(int64_t));
    if (s.latencies == NULL) {
        die("malloc");
    }
    memset(s.latencies, 0xff, (size_t) s.interrupts * sizeof(int64_t));   /* -1: not recorded */
    s.efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (s.efd < 0) {
        die("eventfd");
    }
    s.epfd = epoll_create1(EPOLL_CLOEXEC);
    if (s.epfd < 0) {
        die("epoll_create1");
    }
    struct epoll_event ev = { .events = EPOLLIN, .data.fd = s.efd };   /* level-triggered, as irq4j registers it */
    if (epoll_ctl(s.epfd, EPOLL_CTL_ADD, s.efd, &ev) != 0) {
        die("epoll_ctl(EPOLL_CTL_ADD)");
    }

    pthread_t isr;
    int err = pthread_create(&isr, NULL, handler, &s);
    if (err != 0) {
        errno = err;
        die("pthread_create");
    }

    /* The device. */
    int64_t total = s.warmup + s.interrupts;
    int64_t start = now_ns();
    int64_t next = start;
    const uint64_t one = 1;
    for (int64_t i = 0; i < total; i++) {
        int64_t t;
        while ((t = now_ns()) < next) {
            cpu_relax();
        }
        atomic_store_explicit(&s.sent_ns, t, memory_order_release);
        if (write(s.efd, &one, sizeof one) != (ssize_t) sizeof one) {
            die("write(eventfd)");
        }
        int64_t deadline = t + HANDLE_TIMEOUT_NS;
        for (int spins = 0; atomic_load_explicit(&s.handled, memory_order_acquire) < i + 1; spins++) {
            if (spins < SPINS_BEFORE_YIELD) {
                cpu_relax();
            } else {
                sched_yield();
                if (now_ns() - deadline > 0) {
                    fprintf(stderr, "eventfd_latency: interrupt %" PRId64 " of %" PRId64
                            " was not handled within 5 s (edges handled: %" PRId64 "): lost\n",
                            i + 1, total, atomic_load(&s.handled));
                    exit(3);
                }
            }
        }
        next = t + period_ns;
    }
    err = pthread_join(isr, NULL);
    if (err != 0) {
        errno = err;
        die("pthread_join");
    }
    int64_t elapsed = now_ns() - start;

    static char buf[1 << 16];
    setvbuf(stdout, buf, _IOFBF, sizeof buf);
    printf("eventfd_latency 1\nmode %s\ninterrupts %" PRId64 "\nwarmup %" PRId64 "\nperiod_ns %" PRId64
           "\nhybrid_spin_ns %" PRId64 "\nsent %" PRId64 "\nhandled %" PRId64 "\nreads %" PRId64
           "\ncoalesced %" PRId64 "\nelapsed_ns %" PRId64 "\nlatencies_ns\n",
           MODE_NAMES[s.mode], s.interrupts, s.warmup, period_ns, s.hybrid_spin_ns, total,
           atomic_load(&s.handled), s.reads, s.coalesced, elapsed);
    for (int64_t i = 0; i < s.interrupts; i++) {
        if (s.latencies[i] >= 0) {
            printf("%" PRId64 "\n", s.latencies[i]);
        }
    }
    printf("end\n");
    if (fflush(stdout) != 0) {
        die("write(stdout)");
    }
    return 0;
}
