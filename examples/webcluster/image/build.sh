#!/bin/sh
# Builds the web container image's root filesystem from this machine's
# Debian packages, with no registry: busybox-static (httpd with CGI, sh,
# wget for the health check) plus php-cgi and the shared libraries it
# links, found with ldd. The result is a tar for `docker import`.
#
# Usage: build.sh OUT.tar
set -eu
out=${1:?usage: build.sh OUT.tar}
here=$(cd "$(dirname "$0")" && pwd)

for prog in busybox php-cgi ldd tar; do
    command -v "$prog" >/dev/null 2>&1 || {
        echo "image: '$prog' not found (packages busybox-static, php-cgi, libc-bin)" >&2
        exit 1
    }
done
bb=$(command -v busybox)
# The static build: the image has no libc for a dynamic one.
if ldd "$bb" >/dev/null 2>&1; then
    echo "image: $bb is dynamically linked; install busybox-static" >&2
    exit 1
fi

root=$(mktemp -d /tmp/vigil-web-image.XXXXXX)
trap 'rm -rf "$root"' EXIT INT TERM
mkdir -p "$root/bin" "$root/usr/bin" "$root/etc" "$root/tmp" "$root/www" "$root/proc" "$root/sys" "$root/dev"
chmod 1777 "$root/tmp"
cp "$bb" "$root/bin/busybox"
for applet in sh httpd wget cat ls sleep hostname; do
    ln -s busybox "$root/bin/$applet"
done

# php-cgi, resolved through the alternatives link, and its libraries at the
# paths the dynamic loader expects.
php=$(readlink -f "$(command -v php-cgi)")
cp "$php" "$root/usr/bin/php-cgi"
ldd "$php" | awk '/=> \// {print $3} /^\t\/[^ ]+ \(/ {print $1}' | while read -r lib; do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
done
# No conf.d: the image loads no extension modules (the pages need none).
ver=$(basename "$php" | sed 's/^php-cgi//')
mkdir -p "$root/etc/php/$ver/cgi"
cp "$here/php.ini" "$root/etc/php/$ver/cgi/php.ini"
# Debian's PHP reads the system time zone database.
for tz in UTC Etc/UTC; do
    if [ -e "/usr/share/zoneinfo/$tz" ]; then
        mkdir -p "$root/usr/share/zoneinfo/$(dirname "$tz")"
        cp -L "/usr/share/zoneinfo/$tz" "$root/usr/share/zoneinfo/$tz"
    fi
done
cp "$here/httpd.conf" "$root/etc/httpd.conf"
echo "root:x:0:0:root:/:/bin/sh" >"$root/etc/passwd"
echo "root:x:0:" >"$root/etc/group"

tar -C "$root" -cf "$out" .
