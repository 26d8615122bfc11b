// zookeeper.h hides its synchronous/threaded API behind THREADED.
#ifndef THREADED
#define THREADED
#endif
#include <zookeeper/zookeeper.h>
