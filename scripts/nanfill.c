/*
 * A test-only allocator shim: every block handed out by posix_memalign is filled with 0xFF bytes, which read
 * as NaN in float32 and float64. libtorch allocates tensor storage through posix_memalign, so under
 * LD_PRELOAD any native code that reads memory it never wrote sees NaN every time instead of whatever an
 * earlier allocation happened to leave there. The build compiles it into target/nanfill/ and the tests run
 * under it (see the parent pom.xml and docs/onednn-convolution-bug.md).
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

extern void *__libc_memalign(size_t alignment, size_t size);

int posix_memalign(void **out, size_t alignment, size_t size) {
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0) {
        return EINVAL;
    }
    void *block = __libc_memalign(alignment, size);
    if (block == NULL && size != 0) {
        return ENOMEM;
    }
    if (block != NULL) {
        memset(block, 0xFF, size);
    }
    *out = block;
    return 0;
}
