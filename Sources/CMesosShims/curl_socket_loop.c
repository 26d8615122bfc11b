// An epoll-driven loop for a libcurl multi handle (curl_multi_socket_action), after libcurl's
// ephiperfifo.c example: libcurl tells which sockets to watch and when its next timeout is due, so
// a wakeup costs the ready sockets only, where curl_multi_perform + curl_multi_poll walk every
// transfer and poll every socket each time (quadratic with thousands of long-lived streams).
#define _GNU_SOURCE
#include "CMesosShims.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

struct CMesosCurlSocketLoop {
    CURLM *multi;
    int epoll;
    int wakeup;
    /// When libcurl's timeout is due (CLOCK_MONOTONIC milliseconds), or -1 when none is set.
    int64_t deadline;
};

static int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int on_socket(CURL *easy, curl_socket_t fd, int what, void *userp, void *socketp) {
    (void)easy;
    (void)socketp;
    CMesosCurlSocketLoop *loop = userp;
    if (what == CURL_POLL_REMOVE) {
        epoll_ctl(loop->epoll, EPOLL_CTL_DEL, fd, NULL);
        return 0;
    }
    struct epoll_event event = {0};
    event.data.fd = fd;
    if (what & CURL_POLL_IN) event.events |= EPOLLIN;
    if (what & CURL_POLL_OUT) event.events |= EPOLLOUT;
    if (epoll_ctl(loop->epoll, EPOLL_CTL_MOD, fd, &event) != 0 && errno == ENOENT) {
        epoll_ctl(loop->epoll, EPOLL_CTL_ADD, fd, &event);
    }
    return 0;
}

static int on_timer(CURLM *multi, long timeout_ms, void *userp) {
    (void)multi;
    CMesosCurlSocketLoop *loop = userp;
    loop->deadline = timeout_ms < 0 ? -1 : now_ms() + timeout_ms;
    return 0;
}

CMesosCurlSocketLoop *cmesos_curl_socket_loop_create(CURLM *multi) {
    CMesosCurlSocketLoop *loop = calloc(1, sizeof(CMesosCurlSocketLoop));
    if (loop == NULL) return NULL;
    loop->multi = multi;
    loop->deadline = -1;
    loop->epoll = epoll_create1(EPOLL_CLOEXEC);
    loop->wakeup = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (loop->epoll < 0 || loop->wakeup < 0) {
        if (loop->epoll >= 0) close(loop->epoll);
        if (loop->wakeup >= 0) close(loop->wakeup);
        free(loop);
        return NULL;
    }
    struct epoll_event event = {0};
    event.events = EPOLLIN;
    event.data.fd = loop->wakeup;
    epoll_ctl(loop->epoll, EPOLL_CTL_ADD, loop->wakeup, &event);
    curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, on_socket);
    curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, loop);
    curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, on_timer);
    curl_multi_setopt(multi, CURLMOPT_TIMERDATA, loop);
    return loop;
}

void cmesos_curl_socket_loop_wakeup(CMesosCurlSocketLoop *loop) {
    uint64_t one = 1;
    ssize_t written = write(loop->wakeup, &one, sizeof(one));
    (void)written;  // EAGAIN: the counter is already non-zero, a wakeup is pending anyway
}

CURLMcode cmesos_curl_socket_loop_run_once(CMesosCurlSocketLoop *loop, int max_wait_ms) {
    int wait = max_wait_ms;
    if (loop->deadline >= 0) {
        int64_t left = loop->deadline - now_ms();
        if (left < wait) wait = left < 0 ? 0 : (int)left;
    }
    struct epoll_event events[256];
    int ready = epoll_wait(loop->epoll, events, 256, wait);
    CURLMcode result = CURLM_OK;
    int running = 0;
    for (int i = 0; i < ready; i++) {
        int fd = events[i].data.fd;
        if (fd == loop->wakeup) {
            uint64_t count;
            ssize_t got = read(loop->wakeup, &count, sizeof(count));
            (void)got;
            continue;
        }
        int mask = 0;
        if (events[i].events & EPOLLIN) mask |= CURL_CSELECT_IN;
        if (events[i].events & EPOLLOUT) mask |= CURL_CSELECT_OUT;
        if (events[i].events & (EPOLLERR | EPOLLHUP)) mask |= CURL_CSELECT_ERR;
        CURLMcode code = curl_multi_socket_action(loop->multi, fd, mask, &running);
        if (code != CURLM_OK) result = code;
    }
    if (loop->deadline >= 0 && now_ms() >= loop->deadline) {
        loop->deadline = -1;  // the action may set a new one
        CURLMcode code = curl_multi_socket_action(loop->multi, CURL_SOCKET_TIMEOUT, 0, &running);
        if (code != CURLM_OK) result = code;
    }
    return result;
}

void cmesos_curl_socket_loop_destroy(CMesosCurlSocketLoop *loop) {
    close(loop->epoll);
    close(loop->wakeup);
    free(loop);
}
