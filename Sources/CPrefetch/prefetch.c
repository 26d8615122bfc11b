#include "CPrefetch.h"

int mesos_cache_line_size(void) {
    return 64;
}
