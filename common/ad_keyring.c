/*
 * Private key files in a keyring directory: strict names, owner-only
 * permissions, and buffers wiped when released.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "antidote.h"

#define AD_KEY_NAME_MAX 128

/* Letters, digits, '.', '_', '-'; not empty, not starting with '.'. */
static int
key_name_ok(const char *name, size_t len)
{
	size_t		i;

	if (len == 0 || len > AD_KEY_NAME_MAX || name[0] == '.')
		return 0;
	for (i = 0; i < len; i++)
	{
		char		c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

/* Read all of fd (at most AD_KEY_TEXT_MAX bytes) into a wiped-on-free buffer. */
static ad_status
read_key_fd(int fd, size_t size, char **buf, size_t *len)
{
	char	   *p;
	size_t		n = 0;

	if (size > AD_KEY_TEXT_MAX)
		return AD_ETOOBIG;
	p = malloc(size + 1);
	if (p == NULL)
		return AD_ENOMEM;
	while (n < size)
	{
		ssize_t		r = read(fd, p + n, size - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
		{
			ad_free_secret(p, size + 1);
			return AD_EKEY_FILE;
		}
		n += (size_t) r;
	}
	p[n] = '\0';
	*buf = p;
	*len = n;
	return AD_OK;
}

/* dir/name into path (4096 bytes), the name checked first. */
static ad_status
key_path(const char *dir, const char *name, size_t namelen, char path[4096])
{
	size_t		dlen = strlen(dir);

	if (!key_name_ok(name, namelen))
		return AD_EKEY_NAME;
	if (dlen == 0 || dlen + namelen + 2 > 4096)
		return AD_EKEY_FILE;
	memcpy(path, dir, dlen);
	path[dlen] = '/';
	memcpy(path + dlen + 1, name, namelen);
	path[dlen + 1 + namelen] = '\0';
	return AD_OK;
}

ad_status
ad_keyring_read(const char *dir, const char *name, size_t namelen, char **buf, size_t *len)
{
	char		path[4096];
	struct stat sb;
	int			fd;
	ad_status	st;

	*buf = NULL;
	*len = 0;
	if ((st = key_path(dir, name, namelen, path)) != AD_OK)
		return st;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return AD_EKEY_FILE;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
		st = AD_EKEY_FILE;
	else if ((sb.st_mode & (S_IRWXG | S_IRWXO)) != 0)
		st = AD_EKEY_MODE;
	else
		st = read_key_fd(fd, (size_t) sb.st_size, buf, len);
	close(fd);
	return st;
}

/* Write all of buf to fd. */
static int
write_all(int fd, const char *buf, size_t len)
{
	while (len > 0)
	{
		ssize_t		w = write(fd, buf, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return 0;
		buf += w;
		len -= (size_t) w;
	}
	return 1;
}

ad_status
ad_keyring_create(const char *dir, const char *name, size_t namelen,
				  char **pub_pem, size_t *pub_len, char keyid[AD_KEYID_MAX])
{
	char		path[4096];
	size_t		pl = 0;
	char	   *priv = NULL;
	int			fd,
				ok;
	ad_status	st;

	*pub_pem = NULL;
	*pub_len = 0;
	if ((st = key_path(dir, name, namelen, path)) != AD_OK)
		return st;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, S_IRUSR | S_IWUSR);
	if (fd < 0)
		return errno == EEXIST ? AD_EKEY_EXISTS : AD_EKEY_FILE;
	st = ad_signing_keygen(&priv, &pl, pub_pem, pub_len, keyid);
	ok = st == AD_OK && fchmod(fd, S_IRUSR | S_IWUSR) == 0 && write_all(fd, priv, pl) && fsync(fd) == 0;
	ad_free_secret(priv, pl);
	if (close(fd) != 0)
		ok = 0;
	if (!ok)
	{
		unlink(path);
		ad_free(*pub_pem);
		*pub_pem = NULL;
		*pub_len = 0;
		return st != AD_OK ? st : AD_EKEY_FILE;
	}
	return AD_OK;
}
