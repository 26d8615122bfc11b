#include "CMesosShims.h"

CURLcode cmesos_curl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode cmesos_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode cmesos_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode cmesos_curl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode cmesos_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode cmesos_curl_easy_setopt_write_function(CURL *handle, CMesosCurlDataCallback callback) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}

CURLcode cmesos_curl_easy_setopt_header_function(CURL *handle, CMesosCurlDataCallback callback) {
    return curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback);
}

CURLcode cmesos_curl_easy_setopt_read_function(CURL *handle, CMesosCurlDataCallback callback) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback);
}

CURLcode cmesos_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLcode cmesos_curl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLMcode cmesos_curl_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

CMesosCurlDone cmesos_curl_multi_next_done(CURLM *multi) {
    CMesosCurlDone done = { NULL, CURLE_OK };
    int pending = 0;
    CURLMsg *message;
    while ((message = curl_multi_info_read(multi, &pending)) != NULL) {
        if (message->msg == CURLMSG_DONE) {
            done.easy = message->easy_handle;
            done.result = message->data.result;
            return done;
        }
    }
    return done;
}

size_t cmesos_curl_writefunc_pause(void) {
    return CURL_WRITEFUNC_PAUSE;
}

CURLcode cmesos_curl_easy_unpause(CURL *handle) {
    return curl_easy_pause(handle, CURLPAUSE_CONT);
}

long cmesos_curlauth_basic(void) {
    return (long)CURLAUTH_BASIC;
}

CURLcode cmesos_curl_global_init_all(void) {
    return curl_global_init(CURL_GLOBAL_ALL);
}

CURLUcode cmesos_curl_url_get_port_or_default(CURLU *url, char **port) {
    return curl_url_get(url, CURLUPART_PORT, port, CURLU_DEFAULT_PORT);
}
