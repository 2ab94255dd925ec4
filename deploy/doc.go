// Package deploy holds what a data centre installs (docs/OPERATIONS.md): the systemd units,
// the environment file and the nginx site. Its tests check them with the tools that will
// read them: `systemd-analyze verify` and `nginx -t`.
package deploy
