#!/bin/sh
# Run a command in a private network namespace with only loopback up, so OBS's WebSocket server (which binds every
# interface) is reachable from nowhere else and OBS's start-up calls to the internet fail fast instead of leaving the machine.
# The command itself (vitest, the latency tool) runs inside, so its client reaches OBS at 127.0.0.1.
# Without obs installed the command runs as is: the OBS tests then skip loudly, or fail when CI is set.
set -eu
if ! command -v obs >/dev/null 2>&1; then
  exec "$@"
fi
if [ "$(id -u)" -eq 0 ]; then
  set -- unshare --net -- sh -c 'ip link set lo up && exec "$@"' sh "$@"
else
  # Unprivileged: a user namespace gives us the right to make the network namespace.
  set -- unshare --map-root-user --net -- sh -c 'ip link set lo up && exec "$@"' sh "$@"
fi
HANDCAST_PRIVATE_NETWORK=1 exec "$@"
