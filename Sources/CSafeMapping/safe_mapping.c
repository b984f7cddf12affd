#define _GNU_SOURCE
#include "CSafeMapping.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

// A few files are mapped at once (one per command, a handful in tests); a fixed table keeps the
// signal handler free of locks and allocation.
#define SLOTS 64

static _Atomic uintptr_t starts[SLOTS];
static _Atomic uintptr_t ends[SLOTS];
static atomic_int faulted[SLOTS];
static struct sigaction previous;
static pthread_once_t installed = PTHREAD_ONCE_INIT;
static uintptr_t page_size;

static void on_sigbus(int signal, siginfo_t *info, void *context) {
    (void)context;
    uintptr_t address = (uintptr_t)info->si_addr;
    for (int slot = 0; slot < SLOTS; slot++) {
        uintptr_t start = atomic_load(&starts[slot]);
        if (start == 0 || address < start || address >= atomic_load(&ends[slot])) continue;
        // The page past the end of the file becomes zeros; the faulting read then goes on.
        void *page = (void *)(address & ~(page_size - 1));
        if (mmap(page, page_size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED) {
            atomic_store(&faulted[slot], 1);
            return;
        }
    }
    // Not a guarded mapping: whatever was there before (the default ends the process). A fault
    // happens again when the handler returns; a signal sent by kill is raised again.
    sigaction(signal, &previous, NULL);
    if (info->si_code <= 0) raise(signal);
}

static void install(void) {
    page_size = (uintptr_t)sysconf(_SC_PAGESIZE);
    struct sigaction action = {0};
    action.sa_sigaction = on_sigbus;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, &previous);
}

int cedocs_guard_mapping(const void *base, size_t length) {
    pthread_once(&installed, install);
    for (int slot = 0; slot < SLOTS; slot++) {
        uintptr_t free_slot = 0;
        if (atomic_compare_exchange_strong(&starts[slot], &free_slot, UINTPTR_MAX)) {
            atomic_store(&faulted[slot], 0);
            atomic_store(&ends[slot], (uintptr_t)base + length);
            atomic_store(&starts[slot], (uintptr_t)base);
            return slot;
        }
    }
    return -1;
}

int cedocs_mapping_faulted(int slot) {
    return slot >= 0 && slot < SLOTS ? atomic_load(&faulted[slot]) : 0;
}

void cedocs_unguard_mapping(int slot) {
    if (slot < 0 || slot >= SLOTS) return;
    atomic_store(&ends[slot], 0);
    atomic_store(&starts[slot], 0);
}
