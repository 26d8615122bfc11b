#!/usr/bin/env bash
# Builds the local test image swift-mesos-test/busybox:latest with `docker import` from a rootfs
# made of Debian's busybox-static (no image registry is reachable on the project's machines).
set -euo pipefail
image="${SWIFT_MESOS_TEST_IMAGE:-swift-mesos-test/busybox:latest}"
if docker image inspect "$image" >/dev/null 2>&1; then
  echo "test-image: $image present"
  exit 0
fi
rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc" "$rootfs/proc" "$rootfs/sys" "$rootfs/dev" "$rootfs/www"
chmod 1777 "$rootfs/tmp"
cp /bin/busybox "$rootfs/bin/busybox"
for applet in $("$rootfs/bin/busybox" --list); do
  [ "$applet" = busybox ] || ln -sf busybox "$rootfs/bin/$applet"
done
echo "root:x:0:0:root:/root:/bin/sh" >"$rootfs/etc/passwd"
echo "root:x:0:" >"$rootfs/etc/group"
echo "nobody:x:65534:65534:nobody:/:/bin/false" >>"$rootfs/etc/passwd"
tar -C "$rootfs" -c . | docker import -c 'CMD ["/bin/sh"]' -c 'ENV PATH=/bin' - "$image" >/dev/null
echo "test-image: built $image"
