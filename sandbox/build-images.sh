#!/usr/bin/env bash
# Builds the sandbox's images from Debian packages, without any image registry: a minimal bookworm root filesystem
# (debootstrap), pruned, imported into the local Docker daemon. One image per shipped profile; an image that is
# already there is kept, so running this again changes nothing. Needs root, debootstrap and a running dockerd.
#
#   sandbox/build-images.sh [python] [shell]      (both when none is named)
#
# Environment: SWITCHBOARD_SANDBOX_IMAGE_PREFIX (default switchboard-sandbox), DEBIAN_MIRROR (default: the Debian
# mirror of this machine's apt sources, else deb.debian.org).
set -euo pipefail

prefix=${SWITCHBOARD_SANDBOX_IMAGE_PREFIX:-switchboard-sandbox}
cache=/var/cache/switchboard-sandbox/debs
mirror=${DEBIAN_MIRROR:-$(awk '/^URIs:/ && $2 ~ /\/debian\/?$/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)}
mirror=${mirror:-http://deb.debian.org/debian}

# what each profile's image holds beyond the minimal base (dash, coreutils, tar, base64)
declare -A packages=([python]=python3 [shell]=)

build() {
  local profile=$1 image="$prefix:$1" root
  if docker image inspect "$image" >/dev/null 2>&1; then
    echo "$image: present"
    return
  fi
  echo "$image: building from $mirror"
  root=$(mktemp -d /tmp/switchboard-sandbox-XXXXXX)
  trap 'rm -rf "$root"' RETURN
  mkdir -p "$cache"
  debootstrap --variant=minbase --cache-dir="$cache" ${packages[$profile]:+--include=${packages[$profile]}} bookworm "$root" "$mirror" >/dev/null
  # nothing a run needs: package caches, lists, documentation
  rm -rf "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* \
    "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/locale/* "$root"/usr/share/info/*
  # the unprivileged user code runs as (the sandbox also sets it on every container)
  echo 'sandbox:x:10000:10000:sandbox:/work:/usr/sbin/nologin' >>"$root/etc/passwd"
  echo 'sandbox:x:10000:' >>"$root/etc/group"
  mkdir -p "$root/work"
  tar -C "$root" -c . | docker import \
    -c 'USER 10000:10000' -c 'WORKDIR /work' -c 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
    -c "LABEL io.switchboard.sandbox.profile=$profile" - "$image" >/dev/null
  echo "$image: built ($(docker image inspect --format '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1/1e6}'))"
}

profiles=("$@")
[ ${#profiles[@]} -gt 0 ] || profiles=(python shell)
for profile in "${profiles[@]}"; do
  [ -n "${packages[$profile]+x}" ] || { echo "unknown profile: $profile (python, shell)" >&2; exit 2; }
  build "$profile"
done
