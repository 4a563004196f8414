#ifndef FIGWATCH_CMALLOC_SHIM_H
#define FIGWATCH_CMALLOC_SHIM_H

/* glibc's allocator controls (<malloc.h>, which Swift's Glibc module leaves out). Elsewhere they do
   nothing and report nothing, so callers need no #if of their own. */

#include <stdlib.h>
#include <stddef.h>

#if defined(__GLIBC__)
#include <malloc.h>

/* mallopt(M_ARENA_MAX, n): returns 1 on success, 0 on error. */
static inline int fw_malloc_set_arena_max(int arenas) { return mallopt(M_ARENA_MAX, arenas); }
/* mallopt(M_MMAP_THRESHOLD) and mallopt(M_TRIM_THRESHOLD): 1 if both were accepted. */
static inline int fw_malloc_set_thresholds(size_t mmap_threshold, size_t trim_threshold) {
    return mallopt(M_MMAP_THRESHOLD, (int)mmap_threshold) && mallopt(M_TRIM_THRESHOLD, (int)trim_threshold);
}
/* Hands free memory of every arena back to the kernel; 1 if any was released. */
static inline int fw_malloc_trim(void) { return malloc_trim(0); }
/* Bytes the allocator holds in chunks in use, and in free chunks it keeps (mallinfo2). */
static inline size_t fw_malloc_in_use(void) { struct mallinfo2 info = mallinfo2(); return info.uordblks + info.hblkhd; }
static inline size_t fw_malloc_free_held(void) { struct mallinfo2 info = mallinfo2(); return info.fordblks; }
/* Whether glibc served the block at p with an mmap of its own: the IS_MMAPPED bit (0x2) of the size
   word in front of every chunk, a layout glibc has kept since the 1990s. For tests: a block at or above
   the threshold may still come from a free chunk, so only "not mapped" below it is a guarantee. */
static inline int fw_malloc_is_mapped(const void *p) { return (((const size_t *)p)[-1] & 0x2) != 0; }
#else
static inline int fw_malloc_set_arena_max(int arenas) { (void)arenas; return 0; }
static inline int fw_malloc_set_thresholds(size_t mmap_threshold, size_t trim_threshold) {
    (void)mmap_threshold; (void)trim_threshold; return 0;
}
static inline int fw_malloc_trim(void) { return 0; }
static inline size_t fw_malloc_in_use(void) { return 0; }
static inline size_t fw_malloc_free_held(void) { return 0; }
static inline int fw_malloc_is_mapped(const void *p) { (void)p; return 0; }
#endif

#endif
