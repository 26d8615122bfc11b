#ifndef C_MESOS_SHIMS_H
#define C_MESOS_SHIMS_H

// Typed wrappers for what Swift cannot call directly:
//  - curl_easy_setopt / curl_easy_getinfo / curl_multi_setopt are C variadics;
//  - ZooKeeper's THREADED API is behind a macro, and ZOO_OPEN_ACL_UNSAFE is a
//    mutable C global that Swift 6 strict concurrency refuses to touch.

#ifndef THREADED
#define THREADED
#endif
#include <curl/curl.h>
#include <zookeeper/zookeeper.h>
#include <stddef.h>

// MARK: - libcurl

typedef size_t (*CMesosCurlDataCallback)(char *data, size_t size, size_t count, void *context);

CURLcode cmesos_curl_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode cmesos_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode cmesos_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode cmesos_curl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode cmesos_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode cmesos_curl_easy_setopt_write_function(CURL *handle, CMesosCurlDataCallback callback);
CURLcode cmesos_curl_easy_setopt_header_function(CURL *handle, CMesosCurlDataCallback callback);
CURLcode cmesos_curl_easy_setopt_read_function(CURL *handle, CMesosCurlDataCallback callback);

CURLcode cmesos_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode cmesos_curl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value);

CURLMcode cmesos_curl_multi_setopt_long(CURLM *multi, CURLMoption option, long value);

/// The easy handle and result of a finished transfer from curl_multi_info_read,
/// or NULL handle when no message is pending.
typedef struct {
    CURL *easy;
    CURLcode result;
} CMesosCurlDone;

CMesosCurlDone cmesos_curl_multi_next_done(CURLM *multi);

// Curl's "pause this transfer" return value for write callbacks.
size_t cmesos_curl_writefunc_pause(void);

/// Resumes a paused transfer (curl_easy_pause with CURLPAUSE_CONT, a macro Swift cannot import).
CURLcode cmesos_curl_easy_unpause(CURL *handle);

/// An epoll loop driving a multi handle with curl_multi_socket_action (Linux). Every call but
/// `wakeup` belongs to the one thread that drives the multi handle.
typedef struct CMesosCurlSocketLoop CMesosCurlSocketLoop;

/// Installs the loop's socket and timer callbacks on `multi`; NULL when epoll or eventfd failed.
CMesosCurlSocketLoop *cmesos_curl_socket_loop_create(CURLM *multi);
/// Waits at most `max_wait_ms` (less when libcurl's timeout is due sooner) for a ready socket or a
/// wakeup, then lets libcurl act on the ready sockets and on its timeout.
CURLMcode cmesos_curl_socket_loop_run_once(CMesosCurlSocketLoop *loop, int max_wait_ms);
/// Interrupts a waiting `run_once`; safe from any thread.
void cmesos_curl_socket_loop_wakeup(CMesosCurlSocketLoop *loop);
/// Closes the loop's descriptors; call after curl_multi_cleanup.
void cmesos_curl_socket_loop_destroy(CMesosCurlSocketLoop *loop);

/// CURLAUTH_BASIC as a long for CURLOPT_HTTPAUTH (the macro is an unsigned long cast Swift cannot import).
long cmesos_curlauth_basic(void);

/// curl_global_init(CURL_GLOBAL_ALL).
CURLcode cmesos_curl_global_init_all(void);

/// The port of a parsed URL, or of its scheme when the URL names none (CURLU_DEFAULT_PORT).
CURLUcode cmesos_curl_url_get_port_or_default(CURLU *url, char **port);

// MARK: - ZooKeeper

struct ACL_vector *cmesos_zoo_open_acl_unsafe(void);
struct ACL_vector *cmesos_zoo_creator_all_acl(void);
struct ACL_vector *cmesos_zoo_read_acl_unsafe(void);

int cmesos_zoo_ephemeral(void);
int cmesos_zoo_sequence(void);
int cmesos_zoo_persistent(void);

int cmesos_zoo_state_connecting(void);
int cmesos_zoo_state_associating(void);
int cmesos_zoo_state_connected(void);
int cmesos_zoo_state_expired_session(void);
int cmesos_zoo_state_auth_failed(void);

int cmesos_zoo_event_created(void);
int cmesos_zoo_event_deleted(void);
int cmesos_zoo_event_changed(void);
int cmesos_zoo_event_child(void);
int cmesos_zoo_event_session(void);
int cmesos_zoo_event_not_watching(void);

/// Turns libzookeeper's own stderr logging off (level 0): the Swift client reports what matters.
void cmesos_zoo_disable_logging(void);

#endif
