/*
 * epoll_scale: the C baseline of irq4j's scale benchmark (irq4j-bench,
 * io.github.irq4j.bench.scale.ScaleBenchmark), which compiles it with `gcc -O2 -pthread` at run
 * time and runs it in the same run as the same experiment through an EpollDispatchGroup.
 *
 * The experiment is the kernel's share of dispatching many sources: LANES handler threads, each
 * blocked in epoll_wait(-1) on an epoll set of its own, as the group's dispatch threads are; N
 * eventfds added to the sets in turn (eventfd i to set i % LANES, as the group balances its
 * sources), each with its index as epoll data; on a ready event the handler read(2)s that eventfd
 * and counts the run in the source's own slot and in one shared counter. The main thread signals
 * by write(2) and spins until the handler counted it: a round trip, as the Java benchmark's raw
 * mode does. Two sets of sources are built: one with 1 eventfd ("one"), one with N ("many").
 * Windows of W round trips run in turn: one; many, the same eventfd each time; many, each eventfd
 * in turn (so each round trip touches a descriptor, an epoll item and a slot not touched for N
 * round trips: cold caches, as in irq4j). A slot is 64 bytes, a cache line, as a small driver's
 * per-source state would be.
 *
 * usage: epoll_scale N LANES W WINDOWS [MODE]
 *   MODE blocking (the default): the handlers block in epoll_wait(-1); hybrid: they spin on
 *   epoll_wait(0), a pause between empty waits, for HYBRID_SPIN_NS after their last event and
 *   then block in one epoll_wait(-1), as the group's HYBRID lanes do. While a set's windows run,
 *   its handler never sleeps (no wake-up of a sleeping thread is in the round trip: the dispatch
 *   work is most of it); the other set's handler sleeps, so two spinning threads share the two
 *   CPUs, not three. Run it with LANES 1.
 * Output on stdout, one line per window: "one NS", "same NS", "turn NS" (mean ns per round trip),
 * then "end". Exit codes: 0 done; 2 usage error; 1 a system call failed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#define MAX_EVENTS 64
/* hybrid: how long a handler spins after its last event before it blocks (irq4j's InterruptConfig.DEFAULT_HYBRID_SPIN_NS). */
#define HYBRID_SPIN_NS 50000

struct slot {
    uint64_t runs;
    uint64_t edges;
    char pad[48];
};

struct set {
    int n;
    int lanes;
    int *fds;
    int *epfds;
    struct slot *slots;
    _Atomic uint64_t runs;
};

struct lane {
    struct set *set;
    int epfd;
    int hybrid;   /* 0 blocking, 1 hybrid */
};

static void die(const char *what) {
    fprintf(stderr, "epoll_scale: %s: %s\n", what, strerror(errno));
    exit(1);
}

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec;
}

static void *handler(void *arg) {
    struct lane *l = arg;
    struct epoll_event ev[MAX_EVENTS];
    uint64_t last = now_ns();
    for (;;) {
        int timeout = l->hybrid && now_ns() - last < HYBRID_SPIN_NS ? 0 : -1;
        int k = epoll_wait(l->epfd, ev, MAX_EVENTS, timeout);
        if (k == 0) {
            __builtin_ia32_pause();
            continue;
        }
        if (k < 0) {
            if (errno == EINTR) continue;
            die("epoll_wait");
        }
        if (l->hybrid) {
            last = now_ns();
        }
        for (int i = 0; i < k; i++) {
            int idx = (int) ev[i].data.u32;
            uint64_t count;
            if (read(l->set->fds[idx], &count, sizeof count) != sizeof count) {
                if (errno == EAGAIN) continue;
                die("read");
            }
            l->set->slots[idx].runs++;
            l->set->slots[idx].edges += count;
            atomic_fetch_add_explicit(&l->set->runs, 1, memory_order_release);
        }
    }
    return NULL;
}

static struct set *build(int n, int lanes, int hybrid) {
    struct set *s = calloc(1, sizeof *s);
    s->n = n;
    s->lanes = lanes;
    s->fds = calloc(n, sizeof(int));
    s->epfds = calloc(lanes, sizeof(int));
    if (posix_memalign((void **) &s->slots, 64, (size_t) n * sizeof(struct slot)) != 0) die("posix_memalign");
    memset(s->slots, 0, (size_t) n * sizeof(struct slot));
    for (int l = 0; l < lanes; l++) {
        if ((s->epfds[l] = epoll_create1(EPOLL_CLOEXEC)) < 0) die("epoll_create1");
    }
    for (int i = 0; i < n; i++) {
        if ((s->fds[i] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) < 0) die("eventfd");
        struct epoll_event ev = {.events = EPOLLIN, .data.u64 = (uint64_t) i};
        if (epoll_ctl(s->epfds[i % lanes], EPOLL_CTL_ADD, s->fds[i], &ev) < 0) die("epoll_ctl");
    }
    for (int l = 0; l < lanes; l++) {
        struct lane *ln = calloc(1, sizeof *ln);
        ln->set = s;
        ln->epfd = s->epfds[l];
        ln->hybrid = hybrid;
        pthread_t t;
        if (pthread_create(&t, NULL, handler, ln) != 0) die("pthread_create");
        pthread_detach(t);   /* never ends: the process exits */
    }
    return s;
}

/* Mean ns per round trip over count, each to the next eventfd in turn or all to the first. */
static double round_trips(struct set *s, long count, int in_turn) {
    int n = in_turn ? s->n : 1;
    uint64_t one = 1;
    uint64_t t0 = now_ns();
    for (long i = 0; i < count; i++) {
        uint64_t target = atomic_load_explicit(&s->runs, memory_order_acquire) + 1;
        if (write(s->fds[i % n], &one, sizeof one) != sizeof one) die("write");
        while (atomic_load_explicit(&s->runs, memory_order_acquire) < target) {
            __builtin_ia32_pause();
        }
    }
    return (double) (now_ns() - t0) / (double) count;
}

int main(int argc, char **argv) {
    if (argc != 5 && argc != 6) {
        fprintf(stderr, "usage: epoll_scale N LANES W WINDOWS [blocking|hybrid]\n");
        return 2;
    }
    int hybrid;
    if (argc == 5 || strcmp(argv[5], "blocking") == 0) {
        hybrid = 0;
    } else if (strcmp(argv[5], "hybrid") == 0) {
        hybrid = 1;
    } else {
        fprintf(stderr, "epoll_scale: mode '%s' (expected: blocking or hybrid)\n", argv[5]);
        return 2;
    }
    int n = atoi(argv[1]);
    int lanes = atoi(argv[2]);
    long w = atol(argv[3]);
    int windows = atoi(argv[4]);
    if (n < 1 || lanes < 1 || w < 1 || windows < 1) {
        fprintf(stderr, "epoll_scale: N, LANES, W and WINDOWS must be positive\n");
        return 2;
    }
    struct set *one = build(1, lanes, hybrid);
    struct set *many = build(n, lanes, hybrid);
    round_trips(one, w * 5, 0);   /* warm-up, as the Java side's */
    round_trips(many, w * 5, 1);
    for (int i = 0; i < windows; i++) {
        printf("one %.1f\n", round_trips(one, w, 0));
        printf("same %.1f\n", round_trips(many, w, 0));
        printf("turn %.1f\n", round_trips(many, w, 1));
        fflush(stdout);
    }
    printf("end\n");
    return 0;
}
