/*
 * hostile_server: one thread accepts (poll() with a short timeout, so it
 * sees the stop flag), one thread per connection reads the request head,
 * counts the hit and runs the behaviour of its path.  Every wait is a
 * poll() of at most POLL_MS, after which the stop flag and the
 * connection's deadline are checked again: nothing blocks for longer, so
 * hostile_server_stop() returns within about POLL_MS.
 *
 * Sockets are non-blocking; writes go through conn_send(), which gives up
 * when the peer is gone (MSG_NOSIGNAL: no SIGPIPE), the server stops or
 * the deadline passes.  The request head is read in full before anything
 * is sent, so a close() sends a FIN and not a reset (unread data would
 * turn it into one), and the client sees the close the test means.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "hostile_server.h"

#define POLL_MS 100
#define CONNS_MAX 64
#define HEAD_MAX 8192
#define HUGE_LEN (10 * 1024 * 1024)
#define BLOCK_LEN 65536
#define GARBAGE_LEN 4096
#define TRICKLE_MS 2000
#define BEHAVIOURS_MAX 16

struct conn;

struct behaviour {
	const char *path;
	void (*serve)(struct conn *);
};

struct hostile_server {
	int fd;
	int port;
	atomic_bool stop;
	pthread_t thread;
	pthread_mutex_t lock; /* guards hits and heads */
	int hits[BEHAVIOURS_MAX]; /* by index in behaviours[] */
	char heads[BEHAVIOURS_MAX][HEAD_MAX + 1]; /* the last request's */
	pthread_t conns[CONNS_MAX]; /* only the accept thread adds */
	size_t nconns;
};

struct conn {
	struct hostile_server *hs;
	int fd;
	int64_t deadline; /* CLOCK_MONOTONIC, ms */
};

static int64_t
now_ms(void)
{
	return (int64_t)(clock_now_mono() * 1000);
}

/* Whether c may go on: the server runs and the deadline is ahead. */
static bool
conn_alive(const struct conn *c)
{
	return !atomic_load(&c->hs->stop) && now_ms() < c->deadline;
}

/* Sends all of buf; -1 when the peer is gone or c must stop. */
static int
conn_send(struct conn *c, const void *buf, size_t len)
{
	const char *p = buf;
	struct pollfd pfd = {.fd = c->fd, .events = POLLOUT};
	ssize_t n;

	while (len > 0) {
		if (!conn_alive(c))
			return -1;
		if (poll(&pfd, 1, POLL_MS) <= 0)
			continue;
		n = send(c->fd, p, len, MSG_NOSIGNAL);
		if (n < 0 &&
		    (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int
conn_print(struct conn *c, const char *s)
{
	return conn_send(c, s, strlen(s));
}

/*
 * Waits ms (forever with -1) while c is alive; -1 when the peer closed
 * (what it sends meanwhile is read and dropped) or c must stop.
 */
static int
conn_pause(struct conn *c, int ms)
{
	int64_t until = ms < 0 ? INT64_MAX : now_ms() + ms;
	struct pollfd pfd = {.fd = c->fd, .events = POLLIN};
	char buf[512];
	ssize_t n;

	while (now_ms() < until) {
		if (!conn_alive(c))
			return -1;
		if (poll(&pfd, 1, POLL_MS) <= 0)
			continue;
		n = recv(c->fd, buf, sizeof(buf), 0);
		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
			return -1;
	}
	return 0;
}

/*
 * Reads the request head into head (HEAD_MAX + 1 bytes, NUL-terminated);
 * copies its path (without the query) to path.
 */
static int
conn_request(struct conn *c, char *head, char *path, size_t pathlen)
{
	struct pollfd pfd = {.fd = c->fd, .events = POLLIN};
	char method[16], target[256];
	size_t len = 0;
	ssize_t n;

	head[0] = '\0';
	while (strstr(head, "\r\n\r\n") == NULL) {
		if (!conn_alive(c) || len == HEAD_MAX)
			return -1;
		if (poll(&pfd, 1, POLL_MS) <= 0)
			continue;
		n = recv(c->fd, head + len, HEAD_MAX - len, 0);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n <= 0)
			return -1;
		len += (size_t)n;
		head[len] = '\0';
	}
	if (sscanf(head, "%15s %255s", method, target) != 2)
		return -1;
	target[strcspn(target, "?")] = '\0';
	snprintf(path, pathlen, "%s", target);
	return 0;
}

static void
serve_garbage(struct conn *c)
{
	unsigned char buf[GARBAGE_LEN];
	uint32_t x = 2463534242u; /* xorshift32, fixed: the same bytes */

	for (size_t i = 0; i < sizeof(buf); i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (unsigned char)x;
	}
	buf[0] = 0x9c; /* never "HTTP/", whatever the generator gives */
	conn_send(c, buf, sizeof(buf));
}

static void
serve_chunked_truncated(struct conn *c)
{
	char chunk[128];

	snprintf(chunk, sizeof(chunk), "%zx\r\n%s\r\n", strlen(HOSTILE_FEED),
	    HOSTILE_FEED);
	if (conn_print(c,
		"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
		"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n") == 0)
		conn_print(c, chunk);
}

/* A whole feed padded with spaces to 100 bytes, announced as 1000. */
static void
serve_short_length(struct conn *c)
{
	char body[101];

	snprintf(body, sizeof(body), "%-100s", HOSTILE_FEED);
	if (conn_print(c,
		"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
		"Content-Length: 1000\r\nConnection: close\r\n\r\n") == 0)
		conn_send(c, body, 100);
}

/*
 * Block i of a 10 MiB body: a whole feed, then spaces, so that a client
 * without a cap would parse and store it.
 */
static void
huge_block(char *block, size_t i)
{
	memset(block, ' ', BLOCK_LEN);
	if (i == 0)
		memcpy(block, HOSTILE_FEED, strlen(HOSTILE_FEED));
}

static void
serve_huge(struct conn *c)
{
	char head[256], block[BLOCK_LEN];

	snprintf(head, sizeof(head),
	    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
	    "Content-Length: %d\r\nConnection: close\r\n\r\n",
	    HUGE_LEN);
	if (conn_print(c, head) != 0)
		return;
	for (size_t i = 0; i < HUGE_LEN / BLOCK_LEN; i++) {
		huge_block(block, i);
		if (conn_send(c, block, BLOCK_LEN) != 0)
			return;
	}
}

static void
serve_huge_chunked(struct conn *c)
{
	char size[32], block[BLOCK_LEN];

	snprintf(size, sizeof(size), "%x\r\n", BLOCK_LEN);
	if (conn_print(c,
		"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
		"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n") != 0)
		return;
	for (size_t i = 0; i < HUGE_LEN / BLOCK_LEN; i++) {
		huge_block(block, i);
		if (conn_print(c, size) != 0 ||
		    conn_send(c, block, BLOCK_LEN) != 0 ||
		    conn_print(c, "\r\n") != 0)
			return;
	}
	conn_print(c, "0\r\n\r\n");
}

static void
serve_loop(struct conn *c)
{
	conn_print(c,
	    "HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n"
	    "Connection: close\r\n\r\n");
}

static void
serve_silent(struct conn *c)
{
	conn_pause(c, -1);
}

static void
serve_trickle(struct conn *c)
{
	char head[256];

	snprintf(head, sizeof(head),
	    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
	    "Content-Length: %zu\r\nConnection: close\r\n\r\n",
	    strlen(HOSTILE_FEED));
	if (conn_print(c, head) != 0)
		return;
	for (const char *p = HOSTILE_FEED; *p != '\0'; p++)
		if (conn_send(c, p, 1) != 0 || conn_pause(c, TRICKLE_MS) != 0)
			return;
}

static void
serve_ok(struct conn *c)
{
	char head[256];

	snprintf(head, sizeof(head),
	    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
	    "Content-Length: %zu\r\nConnection: close\r\n\r\n",
	    strlen(HOSTILE_FEED));
	if (conn_print(c, head) == 0)
		conn_print(c, HOSTILE_FEED);
}

static void
serve_not_found(struct conn *c)
{
	conn_print(c,
	    "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n"
	    "Connection: close\r\n\r\n");
}

/*
 * A good feed whose validator header carries what a hostile feed would
 * like planwatch to send back: a bare CR followed by a header of its own
 * (a CRLF would only end the line), or a 0x01 byte in both validators.
 */
static void
serve_validator(struct conn *c, const char *fields)
{
	char head[512];

	snprintf(head, sizeof(head),
	    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n%s"
	    "Content-Length: %zu\r\nConnection: close\r\n\r\n",
	    fields, strlen(HOSTILE_FEED));
	if (conn_print(c, head) == 0)
		conn_print(c, HOSTILE_FEED);
}

static void
serve_validator_cr(struct conn *c)
{
	serve_validator(c, "ETag: \"v1\"\rAuthorization: x\r\n");
}

static void
serve_validator_ctl(struct conn *c)
{
	serve_validator(c,
	    "ETag: \"v\x01w\"\r\n"
	    "Last-Modified: Wed, 21 Oct 2015 07:28:00 GMT\x01\r\n");
}

static const struct behaviour behaviours[] = {
    {"/garbage", serve_garbage},
    {"/chunked-truncated", serve_chunked_truncated},
    {"/short-length", serve_short_length},
    {"/huge", serve_huge},
    {"/huge-chunked", serve_huge_chunked},
    {"/loop", serve_loop},
    {"/silent", serve_silent},
    {"/trickle", serve_trickle},
    {"/ok", serve_ok},
    {"/validator-cr", serve_validator_cr},
    {"/validator-ctl", serve_validator_ctl},
};

#define NBEHAVIOURS (sizeof(behaviours) / sizeof(behaviours[0]))

_Static_assert(NBEHAVIOURS <= BEHAVIOURS_MAX, "hits[] too small");

static size_t
behaviour_find(const char *path)
{
	for (size_t i = 0; i < NBEHAVIOURS; i++)
		if (strcmp(behaviours[i].path, path) == 0)
			return i;
	return NBEHAVIOURS;
}

static void *
conn_main(void *arg)
{
	struct conn *c = arg;
	char head[HEAD_MAX + 1], path[256];
	size_t i;

	if (conn_request(c, head, path, sizeof(path)) == 0) {
		i = behaviour_find(path);
		if (i < NBEHAVIOURS) {
			pthread_mutex_lock(&c->hs->lock);
			c->hs->hits[i]++;
			memcpy(c->hs->heads[i], head, sizeof(head));
			pthread_mutex_unlock(&c->hs->lock);
			behaviours[i].serve(c);
		} else {
			serve_not_found(c);
		}
	}
	close(c->fd);
	free(c);
	return NULL;
}

/* Starts a thread for fd, or closes it when there is no room. */
static void
conn_start(struct hostile_server *hs, int fd)
{
	struct conn *c = NULL;

	if (hs->nconns < CONNS_MAX &&
	    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == 0 &&
	    (c = calloc(1, sizeof(*c))) != NULL) {
		c->hs = hs;
		c->fd = fd;
		c->deadline = now_ms() + HOSTILE_CONN_MAX_MS;
		if (pthread_create(
			&hs->conns[hs->nconns], NULL, conn_main, c) == 0) {
			hs->nconns++;
			return;
		}
	}
	free(c);
	close(fd);
}

static void *
accept_main(void *arg)
{
	struct hostile_server *hs = arg;
	struct pollfd pfd = {.fd = hs->fd, .events = POLLIN};
	int fd;

	while (!atomic_load(&hs->stop)) {
		if (poll(&pfd, 1, POLL_MS) <= 0)
			continue;
		if ((fd = accept(hs->fd, NULL, NULL)) >= 0)
			conn_start(hs, fd);
	}
	return NULL;
}

/* A non-blocking socket listening on 127.0.0.1 and a free port; -1. */
static int
listen_loopback(int *port)
{
	struct sockaddr_in sin = {.sin_family = AF_INET};
	socklen_t len = sizeof(sin);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sin, sizeof(sin)) != 0 ||
	    listen(fd, 16) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sin, &len) != 0 ||
	    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	*port = ntohs(sin.sin_port);
	return fd;
}

struct hostile_server *
hostile_server_start(void)
{
	struct hostile_server *hs = calloc(1, sizeof(*hs));

	if (hs == NULL)
		return NULL;
	if ((hs->fd = listen_loopback(&hs->port)) < 0) {
		free(hs);
		return NULL;
	}
	atomic_init(&hs->stop, false);
	pthread_mutex_init(&hs->lock, NULL);
	if (pthread_create(&hs->thread, NULL, accept_main, hs) != 0) {
		pthread_mutex_destroy(&hs->lock);
		close(hs->fd);
		free(hs);
		return NULL;
	}
	return hs;
}

int
hostile_server_port(const struct hostile_server *hs)
{
	return hs->port;
}

int
hostile_server_hits(struct hostile_server *hs, const char *path)
{
	size_t i = behaviour_find(path);
	int n;

	if (i == NBEHAVIOURS)
		return 0;
	pthread_mutex_lock(&hs->lock);
	n = hs->hits[i];
	pthread_mutex_unlock(&hs->lock);
	return n;
}

void
hostile_server_last_head(
    struct hostile_server *hs, const char *path, char *buf, size_t len)
{
	size_t i = behaviour_find(path);

	pthread_mutex_lock(&hs->lock);
	snprintf(buf, len, "%s", i < NBEHAVIOURS ? hs->heads[i] : "");
	pthread_mutex_unlock(&hs->lock);
}

/*
 * The accept thread is joined first: after it, nobody adds to conns, and
 * each connection thread sees the flag within POLL_MS.
 */
void
hostile_server_stop(struct hostile_server *hs)
{
	if (hs == NULL)
		return;
	atomic_store(&hs->stop, true);
	pthread_join(hs->thread, NULL);
	for (size_t i = 0; i < hs->nconns; i++)
		pthread_join(hs->conns[i], NULL);
	close(hs->fd);
	pthread_mutex_destroy(&hs->lock);
	free(hs);
}
