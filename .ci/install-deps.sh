#!/usr/bin/env bash
# Installs the Debian packages swift-mesos builds and tests with, only those missing,
# and says what it installs. Needs root (as on the project's machines) or passwordless sudo.
set -euo pipefail

packages=(
  libcurl4-openssl-dev   # libcurl for the HTTP client (SDK, agent)
  libzookeeper-mt-dev    # libzookeeper_mt for leader election
  zookeeper              # the ZooKeeper server jar the tests run
  default-jre-headless   # Java for the ZooKeeper server
  docker.io              # dockerd and the docker CLI for the docker containerizer
  busybox-static         # rootfs of the local test image
  curl                   # the agent tests' custom executor script
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all Debian packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; else
    echo "install-deps: missing ${missing[*]} and not root: install them with apt-get" >&2
    exit 1
  fi
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: installed ${missing[*]}"
