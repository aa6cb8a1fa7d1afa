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
 *   hybrid     busy-poll, and after HYBRID_SPIN_NS without an interrupt, one epoll_wait(-1);
 *   busy-poll-uring  busy-poll on an io_uring completion ring: a multishot POLL_ADD of the eventfd,
 *              the ring's tail read in user memory, one read(2) when it reports the eventfd readable
 *              (irq4j's IoUring under -Dirq4j.linux.eventfd.completion=io_uring).
 *
 * usage: eventfd_latency MODE INTERRUPTS WARMUP PERIOD_NS HYBRID_SPIN_NS
 *   MODE is blocking, busy-poll, hybrid or busy-poll-uring; WARMUP interrupts run first and are not recorded.
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
 *   handler_reads H      read(2) calls of the handler thread, empty ones included (elapsed_ns / H: one poll's cost)
 *   signal_call_p50_ns S the device's stamp to its write(2) returning, median over the recorded interrupts
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
#include <sys/mman.h>
#include <sys/syscall.h>
#include <linux/io_uring.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>

enum mode { BLOCKING, BUSY_POLL, HYBRID, BUSY_POLL_URING };

#define MODES 4
static const char *const MODE_NAMES[MODES] = { "blocking", "busy-poll", "hybrid", "busy-poll-uring" };

/* How long the device waits for one interrupt to be handled before it calls it lost. */
#define HANDLE_TIMEOUT_NS 5000000000LL
/* Pause instructions the device spins while it waits for the handler, before it starts yielding
 * (irq4j's harness waits the same way: Thread.onSpinWait(), then Thread.yield()). */
#define SPINS_BEFORE_YIELD 1000

/*
 * busy-poll-uring: an io_uring whose one request is a multishot IORING_OP_POLL_ADD(POLLIN) on the
 * eventfd. The handler spins on the completion ring's tail (an acquire load of mapped memory, no
 * system call); a completion means "readable", and one read(2) then takes the count. io_uring_enter
 * only submits (at arm and re-arm) and, with IORING_SETUP_TASKRUN_FLAG, runs deferred task work
 * when the kernel flags it in the SQ ring.
 */
/*
 * The kernel never interrupts the handler to post a completion (COOP_TASKRUN) but flags pending task
 * work in the SQ ring (TASKRUN_FLAG), which the handler runs with io_uring_enter(GETEVENTS); irq4j's
 * IoUring is set up the same way. Measured on a 2-vCPU VM (load 4): flags 0, p50 52 us (the task-work
 * IPI to a spinning CPU); these flags 4.7 us; SINGLE_ISSUER|DEFER_TASKRUN|TASKRUN_FLAG 4.7 to 5.3 us;
 * SQPOLL seconds (its kernel thread competes for the two CPUs); the read(2) loop 2.6 us.
 */
#define URING_SETUP_FLAGS (IORING_SETUP_COOP_TASKRUN | IORING_SETUP_TASKRUN_FLAG)

struct uring {
    int fd;
    unsigned flags;        /* setup flags */
    unsigned *sq_tail, *sq_mask, *sq_array, *sq_flags;
    unsigned *cq_head, *cq_tail, *cq_mask;
    struct io_uring_cqe *cqes;
    struct io_uring_sqe *sqes;
    int64_t rearms;
};

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
    struct uring *ring;   /* busy-poll-uring only */
    int64_t reads;        /* handler only */
    int64_t coalesced;    /* handler only */
    int64_t handler_reads;   /* handler only, stored once when it ends (counted in a local: no shared line per poll) */
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

static int sys_io_uring_setup(unsigned entries, struct io_uring_params *p) {
    return (int) syscall(__NR_io_uring_setup, entries, p);
}

static int sys_io_uring_enter(int fd, unsigned to_submit, unsigned min_complete, unsigned flags) {
    return (int) syscall(__NR_io_uring_enter, fd, to_submit, min_complete, flags, NULL, 0);
}

static void uring_open(struct uring *u, unsigned flags) {
    struct io_uring_params p;
    memset(&p, 0, sizeof p);
    p.flags = flags;
    u->flags = flags;
    u->fd = sys_io_uring_setup(4, &p);
    if (u->fd < 0) {
        die("io_uring_setup");
    }
    size_t sq_size = p.sq_off.array + p.sq_entries * sizeof(unsigned);
    size_t cq_size = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
    if (!(p.features & IORING_FEAT_SINGLE_MMAP)) {
        fprintf(stderr, "eventfd_latency: io_uring without IORING_FEAT_SINGLE_MMAP (kernel before 5.4)\\n");
        exit(1);
    }
    size_t size = sq_size > cq_size ? sq_size : cq_size;
    char *rings = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, u->fd, IORING_OFF_SQ_RING);
    if (rings == MAP_FAILED) {
        die("mmap(IORING_OFF_SQ_RING)");
    }
    u->sqes = mmap(NULL, p.sq_entries * sizeof(struct io_uring_sqe), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
                   u->fd, IORING_OFF_SQES);
    if (u->sqes == MAP_FAILED) {
        die("mmap(IORING_OFF_SQES)");
    }
    u->sq_tail = (unsigned *) (rings + p.sq_off.tail);
    u->sq_mask = (unsigned *) (rings + p.sq_off.ring_mask);
    u->sq_array = (unsigned *) (rings + p.sq_off.array);
    u->sq_flags = (unsigned *) (rings + p.sq_off.flags);
    u->cq_head = (unsigned *) (rings + p.cq_off.head);
    u->cq_tail = (unsigned *) (rings + p.cq_off.tail);
    u->cq_mask = (unsigned *) (rings + p.cq_off.ring_mask);
    u->cqes = (struct io_uring_cqe *) (rings + p.cq_off.cqes);
}

/* Queues a multishot POLL_ADD(POLLIN) of efd and submits it. */
static void uring_arm(struct uring *u, int efd) {
    unsigned tail = *u->sq_tail;   /* the application alone writes the SQ tail */
    unsigned i = tail & *u->sq_mask;
    struct io_uring_sqe *sqe = &u->sqes[i];
    memset(sqe, 0, sizeof *sqe);
    sqe->opcode = IORING_OP_POLL_ADD;
    sqe->fd = efd;
    sqe->poll32_events = POLLIN;
    sqe->len = IORING_POLL_ADD_MULTI;
    sqe->user_data = 1;
    u->sq_array[i] = i;
    atomic_store_explicit((_Atomic unsigned *) u->sq_tail, tail + 1, memory_order_release);
    if (sys_io_uring_enter(u->fd, 1, 0, 0) != 1) {
        die("io_uring_enter(submit POLL_ADD)");
    }
}

/* Takes the completions posted so far; returns how many said "readable". No system call unless one is due. */
static int uring_reap(struct uring *u, int efd) {
    if ((u->flags & IORING_SETUP_TASKRUN_FLAG)
            && (atomic_load_explicit((_Atomic unsigned *) u->sq_flags, memory_order_relaxed) & IORING_SQ_TASKRUN)) {
        if (sys_io_uring_enter(u->fd, 0, 0, IORING_ENTER_GETEVENTS) < 0 && errno != EINTR) {
            die("io_uring_enter(GETEVENTS)");
        }
    }
    unsigned head = *u->cq_head;   /* the application alone writes the CQ head */
    unsigned tail = atomic_load_explicit((_Atomic unsigned *) u->cq_tail, memory_order_acquire);
    int readable = 0;
    for (; head != tail; head++) {
        struct io_uring_cqe *cqe = &u->cqes[head & *u->cq_mask];
        if (cqe->res < 0) {
            errno = -cqe->res;
            die("IORING_OP_POLL_ADD");
        }
        if (cqe->res & POLLIN) {
            readable++;
        }
        if (!(cqe->flags & IORING_CQE_F_MORE)) {
            atomic_store_explicit((_Atomic unsigned *) u->cq_head, head + 1, memory_order_release);
            u->rearms++;
            uring_arm(u, efd);
        }
    }
    atomic_store_explicit((_Atomic unsigned *) u->cq_head, head, memory_order_release);
    return readable;
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
    int64_t polls = 0;
    static struct uring ring;
    if (s->mode == BUSY_POLL_URING) {
        /* Set up and armed on the handler thread: the ring's task work runs on the task that submitted, and
         * IORING_SETUP_SINGLE_ISSUER ties the ring to the task that created it. A signal written before the
         * arm is not missed: the arm reports a descriptor already readable. */
        uring_open(&ring, URING_SETUP_FLAGS);
        s->ring = &ring;
        uring_arm(s->ring, s->efd);
    }
    while (atomic_load_explicit(&s->handled, memory_order_relaxed) < end) {
        int64_t count;
        switch (s->mode) {
        case BLOCKING:
            wait_readable(s);
            count = read_counter(s);
            polls++;
            if (count > 0) {
                handle(s, count);
            }
            break;
        case BUSY_POLL:
            count = read_counter(s);
            polls++;
            if (count > 0) {
                handle(s, count);
            } else {
                cpu_relax();
            }
            break;
        case BUSY_POLL_URING:
            if (uring_reap(s->ring, s->efd) > 0 && (polls++, count = read_counter(s)) > 0) {
                handle(s, count);
            } else {
                cpu_relax();
            }
            break;
        case HYBRID:
            count = read_counter(s);
            polls++;
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
    s->handler_reads = polls;
    return NULL;
}

static int cmp_int64(const void *a, const void *b) {
    int64_t x = *(const int64_t *) a, y = *(const int64_t *) b;
    return x < y ? -1 : x > y;
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
    for (m = 0; m < MODES && strcmp(argv[1], MODE_NAMES[m]) != 0; m++) {
    }
    if (m == MODES) {
        fprintf(stderr, "eventfd_latency: mode '%s' (expected: blocking, busy-poll, hybrid or busy-poll-uring)\n", argv[1]);
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
    int64_t *signal_calls = malloc((size_t) s.interrupts * sizeof(int64_t));   /* the device's own, by recorded interrupt */
    if (signal_calls == NULL) {
        die("malloc");
    }
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
        if (i >= s.warmup) {
            signal_calls[i - s.warmup] = now_ns() - t;   /* after the write: off the measured path */
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
    qsort(signal_calls, (size_t) s.interrupts, sizeof(int64_t), cmp_int64);

    static char buf[1 << 16];
    setvbuf(stdout, buf, _IOFBF, sizeof buf);
    printf("eventfd_latency 1\nmode %s\ninterrupts %" PRId64 "\nwarmup %" PRId64 "\nperiod_ns %" PRId64
           "\nhybrid_spin_ns %" PRId64 "\nsent %" PRId64 "\nhandled %" PRId64 "\nreads %" PRId64
           "\ncoalesced %" PRId64 "\nelapsed_ns %" PRId64 "\nhandler_reads %" PRId64 "\nsignal_call_p50_ns %" PRId64
           "\nlatencies_ns\n",
           MODE_NAMES[s.mode], s.interrupts, s.warmup, period_ns, s.hybrid_spin_ns, total,
           atomic_load(&s.handled), s.reads, s.coalesced, elapsed, s.handler_reads, signal_calls[s.interrupts / 2]);
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
