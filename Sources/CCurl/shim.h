#ifndef FIGWATCH_CCURL_SHIM_H
#define FIGWATCH_CCURL_SHIM_H

#include <curl/curl.h>

/* curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call.
 * Each wrapper below fixes the argument type, so a call from Swift is type-checked
 * and its CURLcode can be checked (a bad protocol list, for one, fails there). */

static inline CURLcode fw_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode fw_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode fw_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode fw_easy_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode fw_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }

typedef size_t (*fw_data_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);
static inline CURLcode fw_easy_setopt_data_callback(CURL *h, CURLoption o, fw_data_callback cb) { return curl_easy_setopt(h, o, cb); }

typedef int (*fw_xferinfo_callback)(void *userdata, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow);
static inline CURLcode fw_easy_setopt_xferinfo_callback(CURL *h, fw_xferinfo_callback cb) { return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, cb); }

typedef curl_socket_t (*fw_opensocket_callback)(void *clientp, curlsocktype purpose, struct curl_sockaddr *address);
static inline CURLcode fw_easy_setopt_opensocket_callback(CURL *h, fw_opensocket_callback cb) { return curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, cb); }

static inline CURLcode fw_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode fw_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode fw_easy_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode fw_easy_getinfo_pointer(CURL *h, CURLINFO i, void **v) { return curl_easy_getinfo(h, i, v); }

static inline CURLMcode fw_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }

/* curl_multi_info_read hands back a CURLMsg whose result sits in a union; reading it here keeps the
 * union layout out of Swift. */
static inline CURLcode fw_msg_result(const CURLMsg *m) { return m->data.result; }
static inline int fw_msg_is_done(const CURLMsg *m) { return m->msg == CURLMSG_DONE; }

/* CURL_SOCKET_BAD is a macro Swift does not import as a curl_socket_t constant. */
static inline curl_socket_t fw_socket_bad(void) { return CURL_SOCKET_BAD; }

/* The "pointer" overload is for CURLOPT_*DATA; string options must go through fw_easy_setopt_string so
 * that libcurl copies them (it does for every char* option since 7.17). */

#endif
